namespace Rempart.Gateway.Configuration.Waf;

public sealed record BlockActionConfig
{
    [ConfigDoc("Status of the block answer.")]
    public int Status { get; init; } = 403;

    [ConfigDoc("Name of a body under response_bodies; default: Rempart's block page.")]
    public string? Response { get; init; }

    [ConfigDoc("Response headers added to the block answer.")]
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
