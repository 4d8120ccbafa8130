using Microsoft.Extensions.DependencyInjection;
using Rempart.Gateway.Events;
using Rempart.Gateway.Observability;

namespace Rempart.Gateway.Tests.Observability;

public class EventBusTests
{
    [Fact]
    public void FullQueue_DropsAndCounts_NeverBlocks()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var exporter = new PrometheusExporter(factory);
        var bus = new EventBus(new GatewayMetrics(factory));
        using var slow = bus.Subscribe("slow", capacity: 2);
        using var filtered = bus.Subscribe("reloads-only", e => e is ConfigReloadedEvent, capacity: 100);

        for (var i = 0; i < 5; i++)
        {
            bus.Publish(new OriginHealthChangedEvent(DateTimeOffset.UnixEpoch, "app", "t", false, "test"));
        }

        Assert.Equal(3, slow.Dropped);
        Assert.Equal(0, filtered.Dropped);
        Assert.False(filtered.Reader.TryRead(out _));
        Assert.True(slow.Reader.TryRead(out var first));
        Assert.Equal("origin_health_changed", first.Type);
        Assert.Contains("rempart_events_dropped_total{subscriber=\"slow\"} 3", exporter.Render(), StringComparison.Ordinal);
    }
}
