using Microsoft.Extensions.Logging;
using Rempart.Gateway.Decisions;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;

namespace Rempart.Gateway.Automations;

/// <summary>
/// The built-in automations' loop, off the request path: one bounded event subscription
/// (RequestCompletedEvent), one reader, per-client counters bounded in memory. Each event is
/// evaluated against the config snapshot in force at that moment, so a reload changes thresholds
/// at once. Honeypot: a fetch of a trap path → decision. Scanners: error statuses per client per
/// minute (and per path prefix) above the threshold → decision. HTTP flood: requests per client
/// over the window above the threshold → decision. Requests a decision already refused are not
/// counted again.
/// </summary>
public sealed partial class AutomationRunner : IAsyncDisposable
{
    public const string Scanners = "scanners";
    public const string HttpFlood = "http_flood";
    public const string Honeypot = "honeypot";

    private static readonly long MinuteTicks = TimeSpan.FromMinutes(1).Ticks;

    private readonly GatewayState _state;
    private readonly DecisionService _decisions;
    private readonly AutomationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventSubscription _subscription;
    private readonly Task _pump;
    private readonly ClientWindowCounters _scannerCounts = new();
    private readonly ClientWindowCounters _floodCounts = new();

    public AutomationRunner(EventBus bus, GatewayState state, DecisionService decisions, AutomationMetrics metrics, TimeProvider time, ILogger logger, int queueCapacity)
    {
        _state = state;
        _decisions = decisions;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _subscription = bus.Subscribe("automations", e => e is RequestCompletedEvent, queueCapacity);
        _pump = Task.Run(PumpAsync);
    }

    private async Task PumpAsync()
    {
        await foreach (var e in _subscription.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await EvaluateAsync((RequestCompletedEvent)e).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(_logger, ex.Message);
            }
        }
    }

    /// <summary>Evaluates one finished request against every enabled automation.</summary>
    internal async Task EvaluateAsync(RequestCompletedEvent e)
    {
        if (e.Decision is { } d && !d.StartsWith("challenge_passed", StringComparison.Ordinal))
        {
            return; // already refused by a decision: counting it again would only re-decide
        }

        if (e.AllowListed)
        {
            return; // asked once, on the request path, of the request's snapshot
        }

        var model = _state.Current.Automations;

        var ip = e.ClientIp.ToString();
        var now = _time.GetUtcNow().UtcTicks;

        var honeypot = model.Honeypot;
        if (honeypot.Enabled)
        {
            _metrics.Evaluated(Honeypot);
            if (honeypot.IsTrap(e.Path))
            {
                await DecideAsync(Honeypot, ip, DecisionAction.Ban, honeypot.BanFor, $"fetched the trap path {Truncate(e.Path)}").ConfigureAwait(false);
                return;
            }
        }

        var flood = model.HttpFlood;
        if (flood.Enabled)
        {
            _metrics.Evaluated(HttpFlood);
            var evicted = _floodCounts.Evicted;
            var count = _floodCounts.Increment(ip, now, flood.Window.Ticks);
            ReportEvictions(HttpFlood, _floodCounts, evicted);
            if (count > flood.Requests)
            {
                _floodCounts.Forget(ip);
                _scannerCounts.Forget(ip);
                await DecideAsync(HttpFlood, ip, flood.Action, flood.BanFor, $"more than {flood.Requests} requests in {Configuration.Duration.Format(flood.Window)}").ConfigureAwait(false);
                return;
            }
        }

        var scanners = model.Scanners;
        if (scanners.Enabled && scanners.Statuses.Contains(e.Status) && !HasIgnoredSuffix(e.Path, scanners.IgnoredSuffixes))
        {
            _metrics.Evaluated(Scanners);
            var evicted = _scannerCounts.Evicted;
            var (key, threshold) = (ip, scanners.ErrorsPerMinute);
            foreach (var (prefix, limit) in scanners.Paths)
            {
                if (e.Path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    (key, threshold) = (ip + " " + prefix, limit);
                    break;
                }
            }

            var count = _scannerCounts.Increment(key, now, MinuteTicks);
            ReportEvictions(Scanners, _scannerCounts, evicted);
            if (count > threshold)
            {
                _scannerCounts.Forget(key);
                await DecideAsync(Scanners, ip, scanners.Action, scanners.BanFor, $"more than {threshold} error responses ({string.Join('/', scanners.Statuses.Order())}) in a minute").ConfigureAwait(false);
            }
        }
    }

    private async Task DecideAsync(string automation, string ip, DecisionAction action, TimeSpan? banFor, string reason)
    {
        var outcome = await _decisions.AddAsync(new DecisionRequest(ip, action, banFor, reason, automation), "automation:" + automation).ConfigureAwait(false);
        if (outcome.Accepted && !outcome.Unchanged)
        {
            _metrics.Decided(automation);
        }
        else if (!outcome.Accepted && outcome.Refusal is DecisionRefusal.CapReached)
        {
            _metrics.Failed(automation);
        }
    }

    private void ReportEvictions(string automation, ClientWindowCounters counters, long before)
    {
        if (counters.Evicted != before)
        {
            _metrics.Evicted(automation, counters.Evicted - before);
        }
    }

    private static bool HasIgnoredSuffix(string path, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string path) => path.Length <= 200 ? path : path[..200];

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _pump.ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Error, Message = "An automation failed on an event and goes on with the next: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
