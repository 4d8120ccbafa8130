using System.Net;
using Microsoft.AspNetCore.Connections;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;

namespace Rempart.Gateway.Shield.Transport;

/// <summary>
/// Connection middleware on every gateway listener: caps open connections in total and per client
/// IP before a byte is parsed. The per-IP table holds only IPs with open connections (an entry is
/// evicted when its last connection closes), bounded by max_tracked_ips; when that many distinct
/// IPs are all connected at once, a new IP is refused rather than the table growing. Peers in
/// client_ip.trusted_proxies (load balancers, CDNs) carry many clients and are exempt from the
/// per-IP cap. Limits are read from the current model, so a reload changes them at once.
/// </summary>
public sealed class ConnectionGuard(GatewayState state, ShieldMetrics metrics, EventBus events, TimeProvider time)
{
    private readonly Dictionary<IPAddress, int> _perIp = [];
    private readonly Lock _gate = new();
    private int _total;

    public int OpenConnections => Volatile.Read(ref _total);

    public int TrackedIps
    {
        get
        {
            lock (_gate)
            {
                return _perIp.Count;
            }
        }
    }

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var ip = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (ip is { IsIPv4MappedToIPv6: true })
        {
            ip = ip.MapToIPv4();
        }

        var (refused, tracked) = TryEnter(ip);
        if (refused is not null)
        {
            metrics.LimitFired(refused);
            events.Publish(new TransportLimitFiredEvent(time.GetUtcNow(), refused, ip?.ToString()));
            connection.Abort(new ConnectionAbortedException($"shield: {refused}"));
            return;
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Leave(tracked ? ip : null);
        }
    };

    private (string? Refused, bool Tracked) TryEnter(IPAddress? ip)
    {
        var model = state.Current;
        var t = model.Config.Shield.Transport;
        var total = Interlocked.Increment(ref _total);
        if (!t.Enabled)
        {
            return (null, false);
        }

        if (t.MaxConnections > 0 && total > t.MaxConnections)
        {
            Interlocked.Decrement(ref _total);
            return (TransportLimits.MaxConnections, false);
        }

        if (t.MaxConnectionsPerIp <= 0 || ip is null || model.ClientIp.IsTrusted(ip))
        {
            return (null, false);
        }

        lock (_gate)
        {
            _perIp.TryGetValue(ip, out var count);
            string? refused = null;
            if (count >= t.MaxConnectionsPerIp)
            {
                refused = TransportLimits.MaxConnectionsPerIp;
            }
            else if (count == 0 && _perIp.Count >= t.MaxTrackedIps)
            {
                refused = TransportLimits.MaxTrackedIps;
            }
            else
            {
                _perIp[ip] = count + 1;
                return (null, true);
            }

            Interlocked.Decrement(ref _total);
            return (refused, false);
        }
    }

    private void Leave(IPAddress? tracked)
    {
        Interlocked.Decrement(ref _total);
        if (tracked is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_perIp.TryGetValue(tracked, out var count))
            {
                if (count <= 1)
                {
                    _perIp.Remove(tracked);
                }
                else
                {
                    _perIp[tracked] = count - 1;
                }
            }
        }
    }
}
