using System.Net;
using System.Net.Security;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Events;
using Rempart.Gateway.Observability;
using Yarp.ReverseProxy.Forwarder;

namespace Rempart.Gateway.Proxy;

/// <summary>
/// A pool of targets behind one origin name: the HTTP client that reaches them (connection pooling),
/// the load balancer, and their health. Created when a config first names the pool and reused by
/// later configs while its settings stay the same, so health and connections survive reloads.
/// </summary>
public sealed partial class OriginPool : IOriginHandle, IDisposable
{
    private readonly TimeProvider _time;
    private readonly EventBus _events;
    private readonly ILogger _logger;
    private readonly ILoadBalancer _balancer;
    private readonly ITimer? _probeTimer;
    private int _probing;

    public OriginPool(string name, OriginConfig config, string signature, TimeProvider time, EventBus events, ILogger logger)
    {
        Name = name;
        Config = config;
        Signature = signature;
        _time = time;
        _events = events;
        _logger = logger;
        _balancer = LoadBalancerRegistry.Create(config.LoadBalancing);
        Targets = config.Targets.Select(t => new TargetState(new Uri(t))).ToArray();
        Client = new HttpMessageInvoker(CreateHandler(config), disposeHandler: true);
        RequestConfig = new ForwarderRequestConfig { ActivityTimeout = config.ResponseTimeout };
        if (config.HealthCheck.Active is { } active)
        {
            _probeTimer = time.CreateTimer(_ => _ = ProbeAllAsync(active), null, TimeSpan.Zero, active.Interval);
        }
    }

    public string Name { get; }

    public OriginConfig Config { get; }

    /// <summary>The settings this pool was built from; a reload with the same signature reuses the pool.</summary>
    public string Signature { get; }

    public TargetState[] Targets { get; }

    public HttpMessageInvoker Client { get; }

    public ForwarderRequestConfig RequestConfig { get; }

    public bool HasHealthyTarget()
    {
        var now = _time.GetUtcNow();
        foreach (var t in Targets)
        {
            if (t.IsHealthy(now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A healthy target chosen by the pool's policy, avoiding <paramref name="exclude"/> when another exists.</summary>
    public TargetState? Pick(TargetState? exclude = null)
    {
        var now = _time.GetUtcNow();
        var allUsable = true;
        foreach (var t in Targets)
        {
            if (t == exclude || !t.IsHealthy(now))
            {
                allUsable = false;
                break;
            }
        }

        if (allUsable)
        {
            return _balancer.Pick(Targets); // the common case allocates nothing
        }

        var usable = new TargetState[Targets.Length];
        var n = 0;
        foreach (var t in Targets)
        {
            if (t != exclude && t.IsHealthy(now))
            {
                usable[n++] = t;
            }
        }

        return n == 0 ? null : _balancer.Pick(usable.AsSpan(0, n));
    }

    /// <summary>Feeds passive health with the outcome of a real request.</summary>
    public void Report(TargetState target, bool failed, string reason)
    {
        var passive = Config.HealthCheck.Passive;
        if (!passive.Enabled)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (target.ReportRequest(failed, passive.ConsecutiveFailures, now, passive.ReactivationPeriod))
        {
            LogTargetEjected(_logger, Name, target.Prefix, reason, passive.ReactivationPeriod);
            _events.Publish(new OriginHealthChangedEvent(now, Name, target.Prefix, false, $"passive: {reason}"));
        }
    }

    public void Dispose()
    {
        _probeTimer?.Dispose();
        Client.Dispose();
    }

    private async Task ProbeAllAsync(ActiveHealthCheckConfig active)
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return; // the previous round is still running (targets slower than the interval)
        }

        try
        {
            await Task.WhenAll(Targets.Select(t => ProbeAsync(t, active))).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private async Task ProbeAsync(TargetState target, ActiveHealthCheckConfig active)
    {
        bool success;
        string? error = null;
        using var cts = new CancellationTokenSource(active.Timeout, _time);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.Address, active.Path)) { Version = HttpVersion.Version11 };
            request.Headers.TryAddWithoutValidation("User-Agent", "rempart-health-check");
            using var response = await Client.SendAsync(request, cts.Token).ConfigureAwait(false);
            success = (int)response.StatusCode is >= 200 and < 400;
            if (!success)
            {
                error = $"status {(int)response.StatusCode}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            success = false;
            error = e is OperationCanceledException ? "timeout" : e.Message;
        }

        var now = _time.GetUtcNow();
        var changed = target.ReportProbe(success, error, active.HealthyThreshold, active.UnhealthyThreshold, now);
        if (changed is { } healthy)
        {
            LogTargetHealthChanged(_logger, Name, target.Prefix, healthy, error ?? "probe succeeded");
            _events.Publish(new OriginHealthChangedEvent(now, Name, target.Prefix, healthy, error ?? "probe succeeded"));
        }
    }

    private static SocketsHttpHandler CreateHandler(OriginConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = config.ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = int.MaxValue,

            // Trace context is not ours to invent for the origin; forwarding keeps what the client sent.
            ActivityHeadersPropagator = null,
        };
        if (config.InsecureSkipVerify)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        }

        return handler;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Origin {Origin} target {Target} taken out after consecutive failures ({Reason}) for {Period}")]
    private static partial void LogTargetEjected(ILogger logger, string origin, string target, string reason, TimeSpan period);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Origin {Origin} target {Target} is now healthy={Healthy} ({Reason})")]
    private static partial void LogTargetHealthChanged(ILogger logger, string origin, string target, bool healthy, string reason);
}
