namespace Rempart.Gateway.Configuration;

public sealed record RouteMatchConfig
{
    [ConfigDoc("Host names: exact (example.com), one-label wildcard (*.example.com), or * for any.")]
    public IReadOnlyList<string> Hosts { get; init; } = ["*"];

    [ConfigDoc("Path prefixes, matched on segment boundaries: /api takes /api and /api/x, not /apix. / takes everything.")]
    public IReadOnlyList<string> Paths { get; init; } = [];

    [ConfigDoc("Exact paths.")]
    public IReadOnlyList<string> ExactPaths { get; init; } = [];
}
