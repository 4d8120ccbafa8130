using System.Diagnostics.Metrics;
using Rempart.Gateway.Events;

namespace Rempart.Gateway.Shield.Transport;

/// <summary>
/// Counts the transport limits Kestrel enforces itself (header timeout, data rates, header size
/// and count, HTTP/2 rapid reset…). Kestrel records why each connection ended as the
/// <c>error.type</c> of its <c>kestrel.connection.duration</c> histogram; this listener reads only
/// the gateway's own Kestrel meter (by its meter factory, so several gateways in one process stay
/// apart), maps the reasons that are shield limits, and counts and publishes them.
/// </summary>
public sealed class TransportLimitObserver : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ShieldMetrics _metrics;
    private readonly EventBus _events;
    private readonly TimeProvider _time;

    public TransportLimitObserver(IMeterFactory kestrelMeterFactory, ShieldMetrics metrics, EventBus events, TimeProvider time)
    {
        _metrics = metrics;
        _events = events;
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Server.Kestrel" && instrument.Name == "kestrel.connection.duration"
                && ReferenceEquals(instrument.Meter.Scope, kestrelMeterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnConnectionEnded);
        _listener.Start();
    }

    private void OnConnectionEnded(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "error.type" && tag.Value is string reason && TransportLimits.FromKestrelEndReason(reason) is { } limit)
            {
                _metrics.LimitFired(limit);
                _events.Publish(new TransportLimitFiredEvent(_time.GetUtcNow(), limit, null));
                return;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
