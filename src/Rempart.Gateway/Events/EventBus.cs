using Rempart.Gateway.Observability;

namespace Rempart.Gateway.Events;

/// <summary>
/// In-process publish/subscribe for <see cref="GatewayEvent"/>s. Publishing never blocks and never
/// throws: each subscriber has a bounded queue, and an event that does not fit is dropped and
/// counted in <c>rempart_events_dropped_total{subscriber}</c> — never silently.
/// </summary>
public sealed class EventBus(GatewayMetrics metrics, int defaultCapacity = 10_000)
{
    private volatile EventSubscription[] _subscriptions = [];
    private readonly Lock _gate = new();

    /// <summary>True when at least one subscriber wants events of this type; lets hot paths skip building them.</summary>
    public bool HasSubscribers => _subscriptions.Length > 0;

    public EventSubscription Subscribe(string name, Func<GatewayEvent, bool>? filter = null, int? capacity = null)
    {
        var subscription = new EventSubscription(this, name, filter ?? (_ => true), capacity ?? defaultCapacity);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public void Publish(GatewayEvent e)
    {
        foreach (var s in _subscriptions)
        {
            if (s.Filter(e) && !s.TryDeliver(e))
            {
                metrics.EventDropped(s.Name);
            }
        }
    }

    internal void Remove(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
        }
    }
}
