using Rempart.Gateway.Configuration.Shield;

namespace Rempart.Gateway.Configuration;

/// <summary>
/// An origin is either a pool of <see cref="Targets"/> or an origin group (<see cref="Failover"/>) —
/// exactly one of the two.
/// </summary>
public sealed record OriginConfig
{
    [ConfigDoc("Target URLs of this pool, e.g. http://10.0.0.5:8080.")]
    public IReadOnlyList<string> Targets { get; init; } = [];

    [ConfigDoc("How a target is picked among the healthy ones.")]
    public LoadBalancingPolicy LoadBalancing { get; init; } = LoadBalancingPolicy.RoundRobin;

    [ConfigDoc("Active and passive health checks.")]
    public HealthCheckConfig HealthCheck { get; init; } = new();

    [ConfigDoc("Time allowed to open a TCP (and TLS) connection to a target.")]
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    [ConfigDoc("Longest silence from the origin (waiting for headers or between body reads) before 504.")]
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    [ConfigDoc("Retry an idempotent request without a body once, on another target, when the connection fails.")]
    public bool Retry { get; init; } = true;

    [ConfigDoc("Accept any certificate from https targets (self-signed origins). Off by default.")]
    public bool InsecureSkipVerify { get; init; }

    [ConfigDoc("Makes this an origin group: fail over from primary to secondary, as CloudFront origin failover does.")]
    public FailoverConfig? Failover { get; init; }

    [ConfigDoc("Concurrency and rate this origin may receive from all routes together; over it, requests queue briefly then get 503.")]
    public BudgetConfig? Budget { get; init; }
}
