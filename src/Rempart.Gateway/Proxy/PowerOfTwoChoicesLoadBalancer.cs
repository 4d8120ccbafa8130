namespace Rempart.Gateway.Proxy;

/// <summary>
/// power_of_two_choices: two targets at random, the less loaded of them wins. Nearly as good as
/// least_requests without scanning every target, and avoids the herd that least_requests sends to
/// a target that just came back.
/// </summary>
public sealed class PowerOfTwoChoicesLoadBalancer : ILoadBalancer
{
    public TargetState Pick(ReadOnlySpan<TargetState> candidates)
    {
        if (candidates.Length == 1)
        {
            return candidates[0];
        }

        var a = Random.Shared.Next(candidates.Length);
        var b = Random.Shared.Next(candidates.Length - 1);
        if (b >= a)
        {
            b++;
        }

        return candidates[a].InFlight <= candidates[b].InFlight ? candidates[a] : candidates[b];
    }
}
