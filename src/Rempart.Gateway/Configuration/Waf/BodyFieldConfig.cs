namespace Rempart.Gateway.Configuration.Waf;

public sealed record BodyFieldConfig
{
    [ConfigDoc("When the body is larger than body_limit: continue (inspect the start), match or no_match.")]
    public OversizeHandling Oversize { get; init; } = OversizeHandling.Continue;
}
