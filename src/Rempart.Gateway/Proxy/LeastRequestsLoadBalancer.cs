namespace Rempart.Gateway.Proxy;

/// <summary>least_requests: the target with the fewest requests in flight; ties go to the first.</summary>
public sealed class LeastRequestsLoadBalancer : ILoadBalancer
{
    public TargetState Pick(ReadOnlySpan<TargetState> candidates)
    {
        var best = candidates[0];
        for (var i = 1; i < candidates.Length; i++)
        {
            if (candidates[i].InFlight < best.InFlight)
            {
                best = candidates[i];
            }
        }

        return best;
    }
}
