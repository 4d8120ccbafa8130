using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Admin;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;
using Rempart.Gateway.Shield.Detection;
using Rempart.Gateway.Shield.Transport;
using Rempart.Gateway.State;
using Rempart.Gateway.Waf.Geo;

namespace Rempart.Gateway.Shield;

/// <summary>
/// The host side of attack detection: owns the <see cref="AttackDetector"/>, ticks it once per
/// second of the injected <see cref="TimeProvider"/>, follows config reloads (by generation),
/// feeds it transport-limit events, publishes attack events and keeps the manual under-attack
/// switch (persisted in the state store, so a restart keeps it).
/// </summary>
public sealed partial class AttackShield : IAsyncDisposable
{
    private const string UnderAttackSwitch = "under_attack";

    private readonly GatewayState _state;
    private readonly EventBus _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly EventSubscription _transport;
    private readonly Task _transportPump;
    private readonly Lock _tickGate = new();
    private volatile GeoLookup? _geo;
    private long _generation = -1;
    private volatile UnderAttackState _manual = new(false, []);

    private AttackShield(GatewayState state, EventBus events, System.Diagnostics.Metrics.Meter meter, TimeProvider time, ILogger logger)
    {
        _state = state;
        _events = events;
        _time = time;
        _logger = logger;
        Detector = new AttackDetector(Geo);
        Metrics = new AttackMetrics(meter, Detector, ManualUnderAttack);
        Follow(state.Current);
        _transport = events.Subscribe("attack-shield-transport", e => e is TransportLimitFiredEvent, capacity: 10_000);
        _transportPump = Task.Run(PumpTransportAsync);
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public AttackDetector Detector { get; }

    public AttackMetrics Metrics { get; }

    /// <summary>The manual switch: every route, or the listed ones.</summary>
    public UnderAttackState Manual => _manual;

    public static async Task<AttackShield> StartAsync(GatewayState state, EventBus events, System.Diagnostics.Metrics.Meter meter, IStateStore store, TimeProvider time, ILogger logger)
    {
        var shield = new AttackShield(state, events, meter, time, logger);
        if (await store.GetSwitchAsync(UnderAttackSwitch).ConfigureAwait(false) is { } saved)
        {
            try
            {
                shield._manual = JsonSerializer.Deserialize<UnderAttackState>(saved, AdminJson.Options) ?? shield._manual;
            }
            catch (JsonException)
            {
                // An unreadable switch is treated as off rather than stopping the gateway; it is logged.
                LogSwitchUnreadable(logger);
            }
        }

        return shield;
    }

    /// <summary>Is under-attack mode on for this route by config, operator or detector?</summary>
    public bool UnderAttack(RouteMonitor monitor) => monitor.UnderAttack || ManualUnderAttack(monitor.Route);

    private bool ManualUnderAttack(string route)
    {
        var manual = _manual;
        return manual.All || (manual.Routes.Count > 0 && manual.Routes.Contains(route)) || _state.Current.Config.Shield.UnderAttack.Enabled;
    }

    public async Task SetUnderAttackAsync(IStateStore store, string? route, bool enabled, string actor)
    {
        var current = _manual;
        var next = route is null
            ? new UnderAttackState(enabled, enabled ? current.Routes : [])
            : new UnderAttackState(current.All, enabled ? current.Routes.Append(route).Distinct(StringComparer.Ordinal).ToList() : current.Routes.Where(r => r != route).ToList());
        var now = _time.GetUtcNow();
        await store.PutSwitchAsync(UnderAttackSwitch, JsonSerializer.Serialize(next, AdminJson.Options), now).ConfigureAwait(false);
        await store.AppendAuditAsync(actor, enabled ? "under_attack_on" : "under_attack_off", route ?? "*", now).ConfigureAwait(false);
        _manual = next;
        LogUnderAttack(_logger, route ?? "every route", enabled ? "on" : "off", actor);
        _events.Publish(new UnderAttackModeChangedEvent(now, route, enabled, actor));
    }

    /// <summary>One second passed: close every route's bucket, report what changed.</summary>
    public void Tick()
    {
        lock (_tickGate)
        {
            var now = _time.GetUtcNow();
            var model = _state.Current;
            if (model.Generation != _generation)
            {
                Follow(model);
            }

            foreach (var change in Detector.Tick(now))
            {
                Report(now, change);
            }

            Metrics.Update(Detector.OpenAttacks(now));
        }
    }

    private void Report(DateTimeOffset now, AttackChange change)
    {
        var a = change.Report;
        switch (change.Kind)
        {
            case AttackChangeKind.Started:
                Metrics.AttackStarted(a);
                LogStarted(_logger, a.Id, a.Route, string.Join(",", a.Vectors), string.Join("; ", a.Triggers), a.Mitigations.Count(m => m.Applied));
                _events.Publish(new AttackStartedEvent(now, a));
                break;
            case AttackChangeKind.MitigationChanged:
                LogMitigation(_logger, a.Id, a.Route, string.Join(",", a.Mitigations.Where(m => m.Applied).Select(m => m.Kind)), a.UnderAttackMode);
                _events.Publish(new AttackMitigationChangedEvent(now, a));
                break;
            case AttackChangeKind.Progress:
                _events.Publish(new AttackProgressEvent(now, a));
                break;
            case AttackChangeKind.Ended:
                LogEnded(_logger, a.Id, a.Route, a.TotalRequests, a.PeakRequestsPerSecond, a.Dropped + a.Challenged);
                _events.Publish(new AttackEndedEvent(now, a));
                break;
        }
    }

    private void Follow(GatewayModel model)
    {
        var config = model.Config;
        _geo = config.Geo.Database is null && config.Geo.AsnDatabase is null
            ? null
            : GeoLookup.Open(
                config.Geo.Database is { } d ? ConfigPaths.Resolve(model.BaseDirectory, d) : null,
                config.Geo.AsnDatabase is { } a ? ConfigPaths.Resolve(model.BaseDirectory, a) : null);
        Detector.Configure(model.Routes.All.Select(r => r.Name), AttackSettings.Detection(config.Shield), AttackSettings.Mitigation(config.Shield));
        _generation = model.Generation;
    }

    private (string? Country, long? Asn) Geo(UInt128 source)
    {
        var geo = _geo;
        if (geo is null)
        {
            return (null, null);
        }

        var address = AddressKey.ToAddress(source);
        return (geo.Country(address), geo.Asn(address));
    }

    private async Task PumpTransportAsync()
    {
        await foreach (var e in _transport.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            var fired = (TransportLimitFiredEvent)e;
            var slow = fired.Limit is TransportLimits.RequestHeadersTimeout or TransportLimits.MinRequestBodyRate or TransportLimits.MinResponseDataRate;
            var source = fired.ClientIp is not null && System.Net.IPAddress.TryParse(fired.ClientIp, out var ip) ? AddressKey.Of(ip) : UInt128.Zero;
            Detector.RecordTransportLimit(slow, source);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        _transport.Dispose();
        await _transportPump.ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Attack {Id} started on route {Route}: {Vectors} ({Triggers}); {Applied} signature component(s) applied")]
    private static partial void LogStarted(ILogger logger, string id, string route, string vectors, string triggers, int applied);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Attack {Id} on route {Route}: mitigation now {Kinds}, under-attack mode {UnderAttack}")]
    private static partial void LogMitigation(ILogger logger, string id, string route, string kinds, bool underAttack);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Attack {Id} on route {Route} ended: {Total} requests, peak {Peak}/s, {Stopped} dropped or challenged")]
    private static partial void LogEnded(ILogger logger, string id, string route, long total, long peak, long stopped);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Under-attack mode for {Route} switched {State} by {Actor}")]
    private static partial void LogUnderAttack(ILogger logger, string route, string state, string actor);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Error, Message = "The stored under-attack switch is unreadable; it is off until set again")]
    private static partial void LogSwitchUnreadable(ILogger logger);
}

/// <summary>The manual under-attack switch: on for every route, or for the listed routes.</summary>
public sealed record UnderAttackState(bool All, IReadOnlyList<string> Routes);
