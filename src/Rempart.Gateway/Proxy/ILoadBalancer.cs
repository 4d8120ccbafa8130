namespace Rempart.Gateway.Proxy;

/// <summary>Picks one target among the healthy candidates. Implementations are stateless or lock-free.</summary>
public interface ILoadBalancer
{
    TargetState Pick(ReadOnlySpan<TargetState> candidates);
}
