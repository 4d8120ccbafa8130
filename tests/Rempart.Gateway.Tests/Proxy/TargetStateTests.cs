using Rempart.Gateway.Proxy;

namespace Rempart.Gateway.Tests.Proxy;

public class TargetStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PassiveEjection_LastsTheReactivationPeriod()
    {
        var target = new TargetState(new Uri("http://10.0.0.1:80"));

        Assert.False(target.ReportRequest(failed: true, threshold: 3, T0, TimeSpan.FromSeconds(30)));
        Assert.False(target.ReportRequest(failed: false, threshold: 3, T0, TimeSpan.FromSeconds(30)));
        Assert.False(target.ReportRequest(failed: true, threshold: 3, T0, TimeSpan.FromSeconds(30)));
        Assert.False(target.ReportRequest(failed: true, threshold: 3, T0, TimeSpan.FromSeconds(30)));
        Assert.True(target.ReportRequest(failed: true, threshold: 3, T0, TimeSpan.FromSeconds(30)));

        Assert.False(target.IsHealthy(T0.AddSeconds(29)));
        Assert.True(target.IsHealthy(T0.AddSeconds(30)));
    }

    [Fact]
    public void ActiveProbes_NeedConsecutiveResultsToFlip()
    {
        var target = new TargetState(new Uri("http://10.0.0.1:80"));

        Assert.Null(target.ReportProbe(false, "status 500", healthyThreshold: 2, unhealthyThreshold: 2, T0));
        Assert.Null(target.ReportProbe(true, null, 2, 2, T0));
        Assert.Null(target.ReportProbe(false, "timeout", 2, 2, T0));
        Assert.False(target.ReportProbe(false, "timeout", 2, 2, T0));
        Assert.False(target.IsHealthy(T0));
        Assert.Null(target.ReportProbe(true, null, 2, 2, T0));
        Assert.True(target.ReportProbe(true, null, 2, 2, T0));
        Assert.True(target.IsHealthy(T0));
    }

    [Fact]
    public void PowerOfTwoChoices_PrefersTheLessLoaded()
    {
        var idle = new TargetState(new Uri("http://10.0.0.1"));
        var busy = new TargetState(new Uri("http://10.0.0.2"));
        for (var i = 0; i < 5; i++)
        {
            busy.Enter();
        }

        var balancer = new PowerOfTwoChoicesLoadBalancer();
        for (var i = 0; i < 50; i++)
        {
            Assert.Same(idle, balancer.Pick(new[] { idle, busy }));
        }
    }
}
