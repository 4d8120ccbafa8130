namespace Rempart.Gateway.Configuration;

public sealed record ActiveHealthCheckConfig
{
    [ConfigDoc("Path probed with GET; a 2xx or 3xx answer is a success.")]
    public string Path { get; init; } = "/";

    [ConfigDoc("Time between two probes of one target.")]
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    [ConfigDoc("A probe that takes longer fails.")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    [ConfigDoc("Consecutive successes that bring an unhealthy target back.")]
    public int HealthyThreshold { get; init; } = 2;

    [ConfigDoc("Consecutive failures that take a target out.")]
    public int UnhealthyThreshold { get; init; } = 3;
}
