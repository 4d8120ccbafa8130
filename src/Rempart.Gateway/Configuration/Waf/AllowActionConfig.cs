namespace Rempart.Gateway.Configuration.Waf;

public sealed record AllowActionConfig
{
    [ConfigDoc("Request headers added for the origin (names get no prefix).")]
    public IReadOnlyDictionary<string, string> InsertHeaders { get; init; } = new Dictionary<string, string>();
}
