using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Events;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// Runs one event function beside the traffic. Its own bounded subscription is the queue
/// (<c>queue_capacity</c>; a full queue drops and counts in <c>rempart_events_dropped_total{subscriber="function:NAME"}</c>,
/// the request path never waits); <c>concurrency</c> consumers take events from it. A failed attempt
/// is retried after <c>retry_backoff</c>, doubling, on a timer — the consumer moves on meanwhile —
/// and after <c>retries</c> retries the event is dead-lettered: published whole as
/// <see cref="FunctionDeadLetteredEvent"/> (stored in the events table). A clean attempt's effects
/// are applied; an attempt stopped by <c>max_effects</c> applies what it recorded, publishes
/// <see cref="FunctionCappedEvent"/> and is not retried (it would ask again).
/// </summary>
public sealed partial class EventFunctionWorker : IAsyncDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);

    private readonly EventFunctionModel _model;
    private readonly EventBus _bus;
    private readonly EffectApplier _applier;
    private readonly FunctionCounters _counters;
    private readonly Func<string, bool> _setExists;
    private readonly FunctionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventSubscription _subscription;

    // One queue the consumers read: the pump forwards events from the subscription (which stays the
    // bounded queue: the pump waits while `concurrency` deliveries are ahead), retry timers put retries back.
    private readonly Channel<EventDelivery> _work;
    private readonly ConcurrentDictionary<ITimer, byte> _timers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly Task[] _consumers;

    // Deliveries alive: forwarded and not finished, or waiting for a retry. The work queue closes when
    // the intake is done and this reaches zero — whichever happens last closes it.
    private int _outstanding;
    private int _intakeDone;
    private int _retired;

    public EventFunctionWorker(EventFunctionModel model, EventBus bus, EffectApplier applier, RateCounterStore counters, Func<string, bool> setExists, FunctionMetrics metrics, TimeProvider time, ILogger logger)
    {
        _model = model;
        _bus = bus;
        _applier = applier;
        _counters = new FunctionCounters(counters, model.Name);
        _setExists = setExists;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _work = Channel.CreateBounded<EventDelivery>(new BoundedChannelOptions(model.Concurrency) { SingleWriter = false, SingleReader = model.Concurrency == 1 });
        _subscription = bus.Subscribe(EventFunctionHost.Actor(model.Name), model.Filter.Matches, model.QueueCapacity);
        _pump = Task.Run(PumpAsync);
        _consumers = Enumerable.Range(0, model.Concurrency).Select(_ => Task.Run(ConsumeAsync)).ToArray();
    }

    public EventFunctionModel Model => _model;

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var e in _subscription.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                if (Deliver(e) is not { } delivery)
                {
                    continue;
                }

                Interlocked.Increment(ref _outstanding);
                try
                {
                    await _work.Writer.WriteAsync(delivery, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
                {
                    Finished();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Interlocked.Exchange(ref _intakeDone, 1);
        if (Volatile.Read(ref _outstanding) == 0)
        {
            _work.Writer.TryComplete();
        }
    }

    private async Task ConsumeAsync()
    {
        try
        {
            await foreach (var delivery in _work.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await RunAsync(delivery).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Never the end of the consumer: the event is counted as handled, the failure logged.
                    LogApplyFailed(_logger, _model.Name, e.Message);
                }
                finally
                {
                    Finished();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One delivery is done (handled, dead-lettered, or turned into a scheduled retry, which counted itself).</summary>
    private void Finished()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0 && Volatile.Read(ref _intakeDone) == 1)
        {
            _work.Writer.TryComplete();
        }
    }

    private EventDelivery? Deliver(GatewayEvent e)
    {
        try
        {
            return new EventDelivery(Guid.CreateVersion7().ToString("N"), e.Type, EventJson.Serialize(e), 1);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            // A gateway bug, not the function's: say so once per event and keep the pump alive.
            LogUnserializable(_logger, _model.Name, e.Type, ex.Message);
            return null;
        }
    }

    private async Task RunAsync(EventDelivery delivery)
    {
        var effects = new FunctionEffects(_model.MaxEffects);
        EventInvocation result;
        try
        {
            result = await _model.Invoker.InvokeAsync(delivery, new EventInvocationState(_model.Name, effects, _counters, _setExists), _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            result = new EventInvocation(new FunctionFailure(null, $"the function failed: {e.Message}"), [], TimeSpan.Zero);
        }

        _metrics.Invoked(_model.Name, "event", result.Failure, result.Duration);
        foreach (var line in result.Logs)
        {
            LogLine(_logger, _model.Name, line);
        }

        var failure = result.Failure;
        if (failure is null || failure.Limit == FunctionLimit.Effects)
        {
            try
            {
                await _applier.ApplyAsync(_model.Name, effects).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogApplyFailed(_logger, _model.Name, e.Message);
            }

            if (failure is not null)
            {
                LogCapped(_logger, _model.Name, effects.Count, _model.MaxEffects);
                _bus.Publish(new FunctionCappedEvent(_time.GetUtcNow(), _model.Name, delivery.EventType, effects.Count, effects.Refused, _model.MaxEffects) { Cascade = Cascade(delivery) });
            }

            return;
        }

        var now = _time.GetUtcNow();
        if (delivery.Attempt <= _model.Retries && ScheduleRetry(delivery))
        {
            _metrics.Retried(_model.Name);
            LogRetry(_logger, _model.Name, delivery.EventType, delivery.Attempt, failure.Message);
            _bus.Publish(new FunctionFailedEvent(now, _model.Name, "event", failure.Kind, failure.LimitName, failure.Message, null, "retry") { Cascade = Cascade(delivery) });
            return;
        }

        _metrics.DeadLettered(_model.Name);
        LogDeadLettered(_logger, _model.Name, delivery.EventType, delivery.Attempt, failure.Message);
        _bus.Publish(new FunctionFailedEvent(now, _model.Name, "event", failure.Kind, failure.LimitName, failure.Message, null, "dead_letter") { Cascade = Cascade(delivery) });
        using var json = JsonDocument.Parse(delivery.Json);
        _bus.Publish(new FunctionDeadLetteredEvent(now, _model.Name, delivery.EventType, delivery.Attempt, failure.Message, json.RootElement.Clone()) { Cascade = Cascade(delivery) });
    }

    /// <summary>
    /// Trouble met while handling another function's trouble event is recorded but reaches no
    /// function: two failing functions subscribed to each other's failures would otherwise feed
    /// each other, each round wrapping the last.
    /// </summary>
    private static bool Cascade(EventDelivery delivery) => delivery.EventType.StartsWith("function_", StringComparison.Ordinal);

    private bool ScheduleRetry(EventDelivery delivery)
    {
        // Retries waiting are bounded like the queue: past it, an always-failing function dead-letters at once.
        if (Interlocked.Increment(ref _outstanding) > _model.QueueCapacity + _model.Concurrency)
        {
            Interlocked.Decrement(ref _outstanding);
            return false;
        }

        var factor = Math.Pow(2, Math.Min(delivery.Attempt - 1, 30));
        var delay = TimeSpan.FromMilliseconds(Math.Min(_model.RetryBackoff.TotalMilliseconds * factor, MaxBackoff.TotalMilliseconds));
        var next = delivery with { Attempt = delivery.Attempt + 1 };
        // Armed only once it is registered, so a short delay cannot fire before it can be found and disposed.
        var holder = new System.Runtime.CompilerServices.StrongBox<ITimer?>();
        var timer = _time.CreateTimer(_ =>
        {
            if (holder.Value is { } fired && _timers.TryRemove(fired, out byte _))
            {
                fired.Dispose();
            }

            _ = RequeueAsync(next);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        holder.Value = timer;
        _timers[timer] = 0;
        timer.Change(delay, Timeout.InfiniteTimeSpan);
        return true;
    }

    private async Task RequeueAsync(EventDelivery next)
    {
        try
        {
            await _work.Writer.WriteAsync(next, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            LogLost(_logger, _model.Name, 1);
            Finished();
        }
    }

    /// <summary>
    /// Stops taking new events; what is queued and the retries scheduled still run, for up to
    /// <paramref name="drain"/> (on the injected clock); then the rest is cancelled and counted in the log.
    /// </summary>
    public async Task RetireAsync(TimeSpan drain)
    {
        if (Interlocked.Exchange(ref _retired, 1) == 1)
        {
            return;
        }

        _subscription.Dispose();
        var all = Task.WhenAll([_pump, .. _consumers]);
        using var timeout = new CancellationTokenSource();
        var waited = Task.Delay(drain, _time, timeout.Token);
        if (await Task.WhenAny(all, waited).ConfigureAwait(false) != all)
        {
            var lost = _subscription.Reader.Count + Volatile.Read(ref _outstanding);
            await _stop.CancelAsync().ConfigureAwait(false);
            foreach (var t in _timers.Keys)
            {
                t.Dispose();
            }

            await all.ConfigureAwait(false);
            if (lost > 0)
            {
                LogLost(_logger, _model.Name, lost);
            }
        }

        await timeout.CancelAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    public ValueTask DisposeAsync() => new(RetireAsync(TimeSpan.FromSeconds(5)));

    [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "Function {Function}: {Line}")]
    private static partial void LogLine(ILogger logger, string function, string line);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Warning, Message = "Event function {Function} failed on a {EventType} event (attempt {Attempt}) and will retry: {Reason}")]
    private static partial void LogRetry(ILogger logger, string function, string eventType, int attempt, string reason);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Error, Message = "Event function {Function} failed on a {EventType} event {Attempts} times; the event is dead-lettered (function_dead_lettered): {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string function, string eventType, int attempts, string reason);

    [LoggerMessage(EventId = 1713, Level = LogLevel.Warning, Message = "Event function {Function} hit limits.max_effects: the first {Applied} effects were applied, the rest refused (cap {Max})")]
    private static partial void LogCapped(ILogger logger, string function, int applied, int max);

    [LoggerMessage(EventId = 1714, Level = LogLevel.Error, Message = "Applying the effects of event function {Function} failed: {Reason}")]
    private static partial void LogApplyFailed(ILogger logger, string function, string reason);

    [LoggerMessage(EventId = 1716, Level = LogLevel.Error, Message = "Event function {Function} skipped a {EventType} event that could not be written as JSON: {Reason}")]
    private static partial void LogUnserializable(ILogger logger, string function, string eventType, string reason);

    [LoggerMessage(EventId = 1715, Level = LogLevel.Warning, Message = "Event function {Function} stopped with {Count} events not handled (queued or waiting to retry)")]
    private static partial void LogLost(ILogger logger, string function, int count);
}
