namespace Rempart.Gateway.Configuration;

public sealed record FailoverConfig
{
    [ConfigDoc("Origin (a pool) that takes traffic while it is healthy.")]
    [RequiredKey]
    public string Primary { get; init; } = "";

    [ConfigDoc("Origin (a pool) that takes GET, HEAD and OPTIONS requests when the primary is unhealthy, fails or answers a status below.")]
    [RequiredKey]
    public string Secondary { get; init; } = "";

    [ConfigDoc("Primary statuses that send the request to the secondary.")]
    public IReadOnlyList<int> Statuses { get; init; } = [500, 502, 503, 504];
}
