namespace Rempart.Gateway.Configuration;

public sealed record HealthCheckConfig
{
    [ConfigDoc("Probes sent by Rempart to each target. Off unless a path is set.")]
    public ActiveHealthCheckConfig? Active { get; init; }

    [ConfigDoc("Marks a target unhealthy after consecutive failures of real traffic.")]
    public PassiveHealthCheckConfig Passive { get; init; } = new();
}
