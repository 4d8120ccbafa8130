using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Admin;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;
using Rempart.Gateway.State;

namespace Rempart.Gateway.Decisions;

/// <summary>
/// Takes, lifts, lists and expires decisions, and answers Shield's per-request question "does a
/// decision cover this client?". A decision is written to the state store (durable) before it is
/// indexed and acknowledged, every change is audited (who, what, why, when) and published as an
/// event. Decisions are loaded from the store at start, so they survive restarts; expiry runs on
/// the injected clock. The service is the one API operators (admin API, CLI), automations and
/// event functions share.
/// </summary>
public sealed partial class DecisionService : IAsyncDisposable
{
    private const int MaxTextLength = 512;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RefusalEventInterval = TimeSpan.FromSeconds(10);

    private readonly IStateStore _store;
    private readonly GatewayState _state;
    private readonly EventBus _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly PriorityQueue<ActiveDecision, DateTimeOffset> _expiries = new();
    private readonly Lock _expiryGate = new();
    private readonly Dictionary<(DecisionRefusal, string), DateTimeOffset> _lastRefusalEvent = [];
    private ITimer? _sweeper;
    private int _sweeping;

    public DecisionService(IStateStore store, GatewayState state, EventBus events, DecisionMetrics metrics, TimeProvider time, ILogger logger)
    {
        _store = store;
        _state = state;
        _events = events;
        Metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public DecisionIndex Index { get; } = new();

    public DecisionMetrics Metrics { get; }

    private DecisionPolicy Policy => _state.Current.Decisions;

    /// <summary>Loads the active decisions from the store (dropping expired ones there) and starts the expiry sweep.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        await _store.DeleteExpiredDecisionsAsync(now, cancellationToken).ConfigureAwait(false);
        foreach (var record in await _store.ListDecisionsAsync(now, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (DecisionScope.TryParse(record.Scope, out var scope, out _) && ActiveDecision.TryParseAction(record.Action, out var action))
            {
                Track(new ActiveDecision(record, scope, action));
            }
            else
            {
                LogUnreadable(_logger, record.Id, record.Scope, record.Action);
            }
        }

        _sweeper = _time.CreateTimer(_ => _ = SweepAsync(), null, SweepInterval, SweepInterval);
    }

    /// <summary>
    /// The request path's question: the most specific active decision covering this client, if any,
    /// with the request's own policy (its geo lookups). The allow list is the caller's to have asked
    /// (<see cref="Pipeline.GatewayRequestFeature.IsAllowListed"/>), once per request.
    /// </summary>
    public ActiveDecision? Match(IPAddress client, DecisionPolicy policy) =>
        Index.IsEmpty ? null : Index.Match(client, _time.GetUtcNow(), policy.Geo);

    /// <summary>
    /// Takes a decision: validated, refused if too broad, on a trusted proxy, allow-listed or over
    /// the cap; kept as is when an equal or stronger decision already covers the same scope;
    /// otherwise persisted, audited, indexed and published — in that order — before this returns.
    /// </summary>
    public async Task<DecisionOutcome> AddAsync(DecisionRequest request, string actor, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var policy = Policy;
        if (Validate(request, policy, out var scope) is { } refused)
        {
            return Refuse(request, refused, now);
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = Index.ByScope(scope.Text);
            var expiresAt = request.Duration is { } d ? now + d : (DateTimeOffset?)null;
            if (existing is not null && existing.IsActive(now) && existing.Action == request.Action &&
                (existing.ExpiresAt is null || (expiresAt is not null && existing.ExpiresAt >= expiresAt)))
            {
                return new DecisionOutcome(existing, true, DecisionRefusal.None, null);
            }

            if (existing is null && Index.Count >= policy.MaxActive)
            {
                return Refuse(request, DecisionOutcome.Refused(DecisionRefusal.CapReached,
                    $"{Index.Count} decisions are already held (automations.decisions.max_active = {policy.MaxActive}); lift some or raise the cap"), now);
            }

            var record = new Decision(NewId(), scope.KindName, scope.Text, ActiveDecision.ActionName(request.Action),
                request.Reason, request.Source, now, expiresAt);
            var decision = new ActiveDecision(record, scope, request.Action);

            // Durable first: once this returns, a crash or restart keeps the decision.
            await _store.PutDecisionAsync(record, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                await _store.DeleteDecisionAsync(existing.Id, cancellationToken).ConfigureAwait(false);
            }

            await Audit(actor, "decision.add", record, request.Reason, cancellationToken).ConfigureAwait(false);
            Track(decision);
            Metrics.Changed("added", request.Source);
            _events.Publish(new DecisionAddedEvent(now, record.Id, record.ScopeType, record.Scope, record.Action, record.ExpiresAt, record.Reason, record.Source, actor));
            LogAdded(_logger, record.Action, record.Scope, record.ExpiresAt?.ToString("O") ?? "never", record.Source, actor, record.Reason);
            return new DecisionOutcome(decision, false, DecisionRefusal.None, null);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// A short id, sortable by time: a version-7 GUID's 48-bit millisecond timestamp and 48 of its
    /// random bits (its first 16 hex digits held only 12 random bits, so decisions taken in the same
    /// millisecond — a function banning a list — could share an id and overwrite each other). Taken
    /// under the write gate and checked against the index, so an id is never reused while held.
    /// </summary>
    private string NewId()
    {
        while (true)
        {
            var id = CreateId();
            if (Index.ById(id) is null)
            {
                return id;
            }
        }
    }

    internal static string CreateId()
    {
        var guid = Guid.CreateVersion7().ToString("N");
        return string.Concat(guid.AsSpan(0, 12), guid.AsSpan(20, 12));
    }

    /// <summary>Lifts a decision by id or by scope (203.0.113.7, 198.51.100.0/24 …); null when none matched.</summary>
    public async Task<ActiveDecision?> RemoveAsync(string idOrScope, string actor, string reason, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var decision = Index.ById(idOrScope) ?? (DecisionScope.TryParse(idOrScope, out var scope, out _) ? Index.ByScope(scope.Text) : null);
            if (decision is null)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            await _store.DeleteDecisionAsync(decision.Id, cancellationToken).ConfigureAwait(false);
            await Audit(actor, "decision.remove", decision.Record, reason, cancellationToken).ConfigureAwait(false);
            Index.Remove(decision);
            Metrics.Changed("removed", decision.Record.Source);
            _events.Publish(new DecisionRemovedEvent(now, decision.Id, decision.Record.Scope, decision.Record.Action, reason, actor));
            LogRemoved(_logger, decision.Record.Action, decision.Record.Scope, actor, reason);
            return decision;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Active decisions, newest first, filtered; the total before paging is returned too.</summary>
    public (IReadOnlyList<ActiveDecision> Page, int Total) List(DecisionQuery query)
    {
        var now = _time.GetUtcNow();
        IPAddress? covering = query.Ip is not null && IPAddress.TryParse(query.Ip, out var ip) ? ip : null;
        var matches = Index.All
            .Where(d => d.IsActive(now))
            .Where(d => query.Action is null || d.Action == query.Action)
            .Where(d => query.Source is null || d.Record.Source.Equals(query.Source, StringComparison.OrdinalIgnoreCase))
            .Where(d => query.ScopeType is null || d.Scope.KindName == query.ScopeType)
            .Where(d => covering is null || (d.Scope.Kind is DecisionScopeKind.Ip or DecisionScopeKind.Cidr && d.Scope.Network.Contains(covering.IsIPv4MappedToIPv6 ? covering.MapToIPv4() : covering)))
            .OrderByDescending(d => d.Record.CreatedAt).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        return (matches.Skip(query.Offset).Take(query.Limit).ToList(), matches.Count);
    }

    /// <summary>
    /// The refusal a ban on <paramref name="scope"/> would meet (too broad, a trusted proxy, allow-listed),
    /// or null: for blocks that do not go through decisions but must not be wider than one would be
    /// (IP-set entries event functions add).
    /// </summary>
    public DecisionOutcome? CheckScope(string scope, string source) =>
        Validate(new DecisionRequest(scope, DecisionAction.Ban, null, "", source), Policy, out _);

    private static DecisionOutcome? Validate(DecisionRequest request, DecisionPolicy policy, out DecisionScope scope)
    {
        if (!DecisionScope.TryParse(request.Scope, out scope, out var problem))
        {
            return DecisionOutcome.Refused(DecisionRefusal.InvalidScope, problem);
        }

        if (request.Duration is { } d && d <= TimeSpan.Zero)
        {
            return DecisionOutcome.Refused(DecisionRefusal.InvalidRequest, "the duration must be positive (or absent for no expiry)");
        }

        if (request.Reason.Length > MaxTextLength || request.Source.Length is 0 or > 128)
        {
            return DecisionOutcome.Refused(DecisionRefusal.InvalidRequest, $"the reason must be at most {MaxTextLength} characters and the source 1 to 128");
        }

        if (scope.Kind == DecisionScopeKind.Cidr)
        {
            var v4 = scope.Network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            var min = v4 ? policy.MinPrefixV4 : policy.MinPrefixV6;
            if (scope.Network.PrefixLength < min)
            {
                return DecisionOutcome.Refused(DecisionRefusal.TooBroad,
                    $"{scope.Text} is wider than /{min} and would cover a large part of the Internet (automations.decisions.min_prefix_{(v4 ? "v4" : "v6")})");
            }
        }

        foreach (var proxy in policy.TrustedProxies)
        {
            if (scope.Overlaps(proxy))
            {
                return DecisionOutcome.Refused(DecisionRefusal.TrustedProxy,
                    $"{scope.Text} covers the trusted proxy {proxy}; every client behind it would be refused. Decide on the client address the proxy forwards instead");
            }
        }

        foreach (var allowed in policy.AllowListNetworks)
        {
            if (scope.Overlaps(allowed))
            {
                return DecisionOutcome.Refused(DecisionRefusal.AllowListed, $"{scope.Text} overlaps {allowed} in automations.allow_list");
            }
        }

        return null;
    }

    private DecisionOutcome Refuse(DecisionRequest request, DecisionOutcome outcome, DateTimeOffset now)
    {
        Metrics.Changed("refused", request.Source);
        var key = (outcome.Refusal, request.Source);
        bool publish;
        lock (_lastRefusalEvent)
        {
            publish = !_lastRefusalEvent.TryGetValue(key, out var last) || now - last >= RefusalEventInterval;
            if (publish)
            {
                if (_lastRefusalEvent.Count > 1000)
                {
                    _lastRefusalEvent.Clear();
                }

                _lastRefusalEvent[key] = now;
            }
        }

        if (publish)
        {
            var refusal = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.Refusal.ToString());
            _events.Publish(new DecisionRefusedEvent(now, request.Scope.Length > 64 ? request.Scope[..64] : request.Scope, request.Source, refusal, outcome.Problem!));
            LogRefused(_logger, request.Source, outcome.Problem!);
        }

        return outcome;
    }

    private void Track(ActiveDecision decision)
    {
        Index.Put(decision);
        if (decision.ExpiresAt is { } at)
        {
            lock (_expiryGate)
            {
                _expiries.Enqueue(decision, at);
            }
        }
    }

    /// <summary>Removes what expired from the index and the store, and says so with an event each.</summary>
    internal async Task SweepAsync()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetUtcNow();
            var expired = new List<ActiveDecision>();
            lock (_expiryGate)
            {
                while (_expiries.TryPeek(out var d, out var at) && at <= now)
                {
                    _expiries.Dequeue();
                    if (ReferenceEquals(Index.ById(d.Id), d) && Index.Remove(d))
                    {
                        expired.Add(d);
                    }
                }
            }

            if (expired.Count == 0)
            {
                return;
            }

            await _store.DeleteExpiredDecisionsAsync(now).ConfigureAwait(false);
            foreach (var d in expired)
            {
                Metrics.Changed("expired", d.Record.Source);
                _events.Publish(new DecisionExpiredEvent(now, d.Id, d.Record.Scope, d.Record.Action, d.Record.Source));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(_logger, e.Message);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private Task Audit(string actor, string action, Decision d, string why, CancellationToken cancellationToken) =>
        _store.AppendAuditAsync(actor, action, JsonSerializer.Serialize(new
        {
            id = d.Id,
            scope = d.Scope,
            decision = d.Action,
            expires_at = d.ExpiresAt,
            source = d.Source,
            reason = why,
        }, AdminJson.Options), _time.GetUtcNow(), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_sweeper is not null)
        {
            await _sweeper.DisposeAsync().ConfigureAwait(false);
        }

        // Wait for a write in progress so the store is not closed under it.
        await _writeGate.WaitAsync().ConfigureAwait(false);
        while (Volatile.Read(ref _sweeping) == 1)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Decision {Action} {Scope} until {Expires} by {Source} ({Actor}): {Reason}")]
    private static partial void LogAdded(ILogger logger, string action, string scope, string expires, string source, string actor, string reason);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Decision {Action} {Scope} lifted by {Actor}: {Reason}")]
    private static partial void LogRemoved(ILogger logger, string action, string scope, string actor, string reason);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "Decision refused from {Source}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string source, string problem);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Stored decision {Id} is unreadable (scope {Scope}, action {Action}) and is ignored")]
    private static partial void LogUnreadable(ILogger logger, string id, string scope, string action);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Error, Message = "Decision expiry sweep failed, retried on the next tick: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
