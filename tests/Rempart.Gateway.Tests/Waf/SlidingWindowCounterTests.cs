using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>The one sliding-window estimate that rate-based rules, the decision throttle and the automations count with.</summary>
public class SlidingWindowCounterTests
{
    private const long Window = 100;

    [Fact]
    public void PreviousWindow_IsWeightedByItsOverlap()
    {
        var counter = new SlidingWindowCounter();
        for (var t = 0; t < 8; t++)
        {
            Assert.Equal(t + 1, counter.Add(t * 10, Window));
        }

        // 25 ticks into the next window, 75% of the previous one still overlaps: 8 × 0.75.
        Assert.Equal(6, counter.Estimate(125, Window), 6);
        Assert.Equal(7, counter.Add(125, Window), 6);
        Assert.Equal(125, counter.LastSeen);
    }

    [Fact]
    public void AWindowWithNothing_ForgetsWhatCameBefore()
    {
        var counter = new SlidingWindowCounter();
        counter.Add(10, Window);
        counter.Add(20, Window);
        Assert.Equal(0, counter.Estimate(250, Window), 6);
        Assert.Equal(1, counter.Add(260, Window), 6);
    }
}
