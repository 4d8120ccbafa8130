using System.Threading.Channels;

namespace Rempart.Gateway.Events;

/// <summary>A subscriber's bounded queue. Reading is the subscriber's job; a full queue drops and counts.</summary>
public sealed class EventSubscription : IDisposable
{
    private readonly EventBus _bus;
    private readonly Channel<GatewayEvent> _channel;
    private long _dropped;

    internal EventSubscription(EventBus bus, string name, Func<GatewayEvent, bool> filter, int capacity)
    {
        _bus = bus;
        Name = name;
        Filter = filter;
        _channel = Channel.CreateBounded<GatewayEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public string Name { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    internal Func<GatewayEvent, bool> Filter { get; }

    public ChannelReader<GatewayEvent> Reader => _channel.Reader;

    /// <summary>Never waits: the request path must not block on a slow subscriber.</summary>
    internal bool TryDeliver(GatewayEvent e)
    {
        if (_channel.Writer.TryWrite(e))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _bus.Remove(this);
    }
}
