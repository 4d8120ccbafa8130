using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Proxy;

/// <summary>The one table from config policy names to load balancer implementations.</summary>
public static class LoadBalancerRegistry
{
    private static readonly IReadOnlyDictionary<LoadBalancingPolicy, Func<ILoadBalancer>> Factories = new Dictionary<LoadBalancingPolicy, Func<ILoadBalancer>>
    {
        [LoadBalancingPolicy.RoundRobin] = () => new RoundRobinLoadBalancer(),
        [LoadBalancingPolicy.LeastRequests] = () => new LeastRequestsLoadBalancer(),
        [LoadBalancingPolicy.PowerOfTwoChoices] = () => new PowerOfTwoChoicesLoadBalancer(),
    };

    public static ILoadBalancer Create(LoadBalancingPolicy policy) => Factories[policy]();
}
