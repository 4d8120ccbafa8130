using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Configuration.Shield;
using Rempart.Gateway.Shield.OriginProtection;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>The budget gate on virtual time: concurrency, rate, bounded queue, timeouts, trusted clients first.</summary>
public class BudgetGateTests
{
    private readonly FakeTimeProvider _time = new();

    private BudgetGate Gate(int concurrent = 0, double rate = 0, int queue = 2, int burst = 0) =>
        new("route:test", new BudgetConfig { MaxConcurrent = concurrent, MaxRate = rate, Burst = burst, QueueSize = queue, QueueTimeout = TimeSpan.FromSeconds(2) }, _time);

    [Fact]
    public async Task Concurrency_QueuesThenRefuses_AndHandsFreedSlotsInOrder()
    {
        var gate = Gate(concurrent: 2, queue: 2);
        Assert.Equal(BudgetOutcome.Immediate, await gate.AcquireAsync(false, default));
        Assert.Equal(BudgetOutcome.Immediate, await gate.AcquireAsync(false, default));
        var third = gate.AcquireAsync(false, default).AsTask();
        var fourth = gate.AcquireAsync(false, default).AsTask();
        Assert.Equal(BudgetOutcome.QueueFull, await gate.AcquireAsync(false, default));
        Assert.False(third.IsCompleted);

        gate.Release();
        Assert.Equal(BudgetOutcome.Queued, await third);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, gate.InFlight);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(BudgetOutcome.QueueTimeout, await fourth);
        Assert.Equal(0, gate.Waiting);
        Assert.Equal(2, gate.InFlight);
    }

    [Fact]
    public async Task TrustedWaiters_AreServedFirst_AndDisplaceTheNewestOtherWhenFull()
    {
        var gate = Gate(concurrent: 1, queue: 2);
        Assert.Equal(BudgetOutcome.Immediate, await gate.AcquireAsync(false, default));
        var otherA = gate.AcquireAsync(false, default).AsTask();
        var otherB = gate.AcquireAsync(false, default).AsTask();
        var trusted = gate.AcquireAsync(true, default).AsTask();

        Assert.Equal(BudgetOutcome.QueueFull, await otherB);   // displaced by the trusted client
        gate.Release();
        Assert.Equal(BudgetOutcome.Queued, await trusted);
        Assert.False(otherA.IsCompleted);
        gate.Release();
        Assert.Equal(BudgetOutcome.Queued, await otherA);

        // Untrusted arrivals never displace anyone.
        var waiting = gate.AcquireAsync(true, default).AsTask();
        var waiting2 = gate.AcquireAsync(true, default).AsTask();
        Assert.Equal(BudgetOutcome.QueueFull, await gate.AcquireAsync(false, default));
        Assert.Equal(BudgetOutcome.QueueFull, await gate.AcquireAsync(true, default));
        Assert.False(waiting.IsCompleted || waiting2.IsCompleted);
    }

    [Fact]
    public async Task Rate_AdmitsBurstThenOnePerInterval_OnVirtualTime()
    {
        var gate = Gate(rate: 2, queue: 5);
        Assert.Equal(BudgetOutcome.Immediate, await gate.AcquireAsync(false, default));
        Assert.Equal(BudgetOutcome.Immediate, await gate.AcquireAsync(false, default));
        var next = gate.AcquireAsync(false, default).AsTask();
        var after = gate.AcquireAsync(false, default).AsTask();
        Assert.False(next.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(510));
        Assert.Equal(BudgetOutcome.Queued, await next);
        Assert.False(after.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(510));
        Assert.Equal(BudgetOutcome.Queued, await after);
    }

    [Fact]
    public async Task CancelledWaiter_LeavesTheQueue_AndTheSlotGoesToTheNext()
    {
        var gate = Gate(concurrent: 1, queue: 3);
        Assert.Equal(BudgetOutcome.Immediate, await gate.AcquireAsync(false, default));
        using var cts = new CancellationTokenSource();
        var gone = gate.AcquireAsync(false, cts.Token).AsTask();
        var stays = gate.AcquireAsync(false, default).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gone);

        gate.Release();
        Assert.Equal(BudgetOutcome.Queued, await stays);
        Assert.Equal(1, gate.InFlight);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task TryEnter_TakesAFreeSlot_ButNeverJumpsTheQueue()
    {
        var gate = Gate(concurrent: 1, queue: 2);
        Assert.True(gate.TryEnter());
        Assert.False(gate.TryEnter());
        var waiter = gate.AcquireAsync(false, default).AsTask();

        // The slot freed by Release goes to the waiter, and a newcomer's TryEnter still finds none.
        gate.Release();
        Assert.Equal(BudgetOutcome.Queued, await waiter);
        Assert.False(gate.TryEnter());
        gate.Release();
        Assert.True(gate.TryEnter());
        Assert.Equal(1, gate.InFlight);
    }
}
