namespace Rempart.Gateway.Configuration;

public enum LoadBalancingPolicy
{
    RoundRobin,
    LeastRequests,
    PowerOfTwoChoices,
}
