using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Events;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// Runs one event function beside the traffic. Its own bounded subscription is the queue
/// (<c>queue_capacity</c>; a full queue drops and counts in <c>rempart_events_dropped{subscriber="function:NAME"}</c>,
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
    private readonly Channel<EventDelivery> _retries = Channel.CreateUnbounded<EventDelivery>();
    private readonly ConcurrentDictionary<ITimer, byte> _timers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _consumers;
    private int _pendingRetries;
    private int _inFlight;

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
        _subscription = bus.Subscribe(EventFunctionHost.Actor(model.Name), model.Filter.Matches, model.QueueCapacity);
        _consumers = Enumerable.Range(0, model.Concurrency).Select(_ => Task.Run(ConsumeAsync)).ToArray();
    }

    public EventFunctionModel Model => _model;

    /// <summary>Events waiting in the queue (not counting retries scheduled).</summary>
    public int Queued => _subscription.Reader.Count;

    public int PendingRetries => Volatile.Read(ref _pendingRetries);

    private async Task ConsumeAsync()
    {
        var intake = _subscription.Reader;
        while (!_stop.IsCancellationRequested)
        {
            EventDelivery? delivery = null;
            Interlocked.Increment(ref _inFlight);
            try
            {
                if (_retries.Reader.TryRead(out var retry))
                {
                    delivery = retry;
                }
                else if (intake.TryRead(out var e))
                {
                    delivery = Deliver(e);
                }

                if (delivery is not null)
                {
                    await RunAsync(delivery).ConfigureAwait(false);
                    continue;
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }

            if (intake.Completion.IsCompleted)
            {
                // Retired: leave once nothing can come back through the retry queue.
                if (Volatile.Read(ref _pendingRetries) == 0 && Volatile.Read(ref _inFlight) == 0 && _retries.Reader.Count == 0)
                {
                    _retries.Writer.TryComplete();
                    return;
                }

                if (!await Wait(_retries.Reader.WaitToReadAsync(_stop.Token)).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            await Task.WhenAny(Wait(intake.WaitToReadAsync(_stop.Token)), Wait(_retries.Reader.WaitToReadAsync(_stop.Token))).ConfigureAwait(false);
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
            // A gateway bug, not the function's: say so once per event and keep the consumer alive.
            LogUnserializable(_logger, _model.Name, e.Type, ex.Message);
            return null;
        }
    }

    private static async Task<bool> Wait(ValueTask<bool> wait)
    {
        try
        {
            return await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
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
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogApplyFailed(_logger, _model.Name, e.Message);
            }

            if (failure is not null)
            {
                LogCapped(_logger, _model.Name, effects.Count, _model.MaxEffects);
                _bus.Publish(new FunctionCappedEvent(_time.GetUtcNow(), _model.Name, delivery.EventType, effects.Count, effects.Refused, _model.MaxEffects));
            }

            return;
        }

        var now = _time.GetUtcNow();
        if (delivery.Attempt <= _model.Retries && ScheduleRetry(delivery))
        {
            _metrics.Retried(_model.Name);
            LogRetry(_logger, _model.Name, delivery.EventType, delivery.Attempt, failure.Message);
            _bus.Publish(new FunctionFailedEvent(now, _model.Name, "event", failure.Kind, failure.LimitName, failure.Message, null, "retry"));
            return;
        }

        _metrics.DeadLettered(_model.Name);
        LogDeadLettered(_logger, _model.Name, delivery.EventType, delivery.Attempt, failure.Message);
        _bus.Publish(new FunctionFailedEvent(now, _model.Name, "event", failure.Kind, failure.LimitName, failure.Message, null, "dead_letter"));
        using var json = JsonDocument.Parse(delivery.Json);
        _bus.Publish(new FunctionDeadLetteredEvent(now, _model.Name, delivery.EventType, delivery.Attempt, failure.Message, json.RootElement.Clone()));
    }

    private bool ScheduleRetry(EventDelivery delivery)
    {
        // Retries waiting are bounded like the queue: past it, an always-failing function dead-letters at once.
        if (Interlocked.Increment(ref _pendingRetries) > _model.QueueCapacity)
        {
            Interlocked.Decrement(ref _pendingRetries);
            return false;
        }

        var delay = _model.RetryBackoff * Math.Pow(2, delivery.Attempt - 1);
        var next = delivery with { Attempt = delivery.Attempt + 1 };
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            _retries.Writer.TryWrite(next);
            Interlocked.Decrement(ref _pendingRetries);
            if (timer is not null && _timers.TryRemove(timer, out byte _))
            {
                timer.Dispose();
            }
        }, null, delay < MaxBackoff ? delay : MaxBackoff, Timeout.InfiniteTimeSpan);
        _timers[timer] = 0;
        return true;
    }

    /// <summary>
    /// Stops taking new events; what is queued and the retries scheduled still run, for up to
    /// <paramref name="drain"/>; then the rest is cancelled and counted in the log.
    /// </summary>
    public async Task RetireAsync(TimeSpan drain)
    {
        _subscription.Dispose();
        var all = Task.WhenAll(_consumers);
        if (await Task.WhenAny(all, Task.Delay(drain)).ConfigureAwait(false) != all)
        {
            var lost = _subscription.Reader.Count + Volatile.Read(ref _pendingRetries) + _retries.Reader.Count;
            await _stop.CancelAsync().ConfigureAwait(false);
            foreach (var timer in _timers.Keys)
            {
                timer.Dispose();
            }

            await all.ConfigureAwait(false);
            if (lost > 0)
            {
                LogLost(_logger, _model.Name, lost);
            }
        }

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
