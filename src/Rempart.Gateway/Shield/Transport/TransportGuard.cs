using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Rempart.Gateway.Configuration.Shield;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;

namespace Rempart.Gateway.Shield.Transport;

/// <summary>
/// The always-on transport guard as the host sees it: Kestrel limits, the connection guard on each
/// listener, and the observer that counts what Kestrel refused. Three calls from the host.
/// </summary>
public sealed class TransportGuard(GatewayState state, ShieldMetrics metrics, EventBus events, TimeProvider time) : IDisposable
{
    private TransportLimitObserver? _observer;

    public ConnectionGuard Connections { get; } = new(state, metrics, events, time);

    public void ConfigureServer(KestrelServerOptions kestrel, TransportGuardConfig config) => KestrelTransportLimits.Apply(kestrel, config);

    /// <summary>First on the listener, before TLS: a refused connection costs no handshake.</summary>
    public void ConfigureListener(ListenOptions listen) => listen.Use(Connections.Wrap);

    /// <summary>Starts counting Kestrel's own refusals; call after the app is built, before it listens.</summary>
    public void Observe(IServiceProvider services)
    {
        if (services.GetService<IMeterFactory>() is { } factory)
        {
            _observer = new TransportLimitObserver(factory, metrics, events, time);
        }
    }

    public void Dispose() => _observer?.Dispose();
}
