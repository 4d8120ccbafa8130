namespace Rempart.Gateway.Configuration.Waf;

/// <summary>A named custom response body for block actions (AWS: custom response bodies).</summary>
public sealed record ResponseBodyConfig
{
    [ConfigDoc("Content type of the body.")]
    public string ContentType { get; init; } = "text/html; charset=utf-8";

    [ConfigDoc("The body. {{reference}} is replaced by the request's reference id.")]
    [RequiredKey]
    public string Content { get; init; } = "";
}
