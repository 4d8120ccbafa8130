namespace Rempart.Gateway.Proxy;

/// <summary>round_robin: each healthy target in turn.</summary>
public sealed class RoundRobinLoadBalancer : ILoadBalancer
{
    private uint _next;

    public TargetState Pick(ReadOnlySpan<TargetState> candidates) =>
        candidates[(int)(Interlocked.Increment(ref _next) % (uint)candidates.Length)];
}
