using Rempart.Gateway.Configuration.Shield;

namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>
/// One budget (an origin's or a route's): at most <c>max_concurrent</c> requests in flight and
/// <c>max_rate</c> per second (a token bucket of <c>burst</c> tokens refilled continuously on
/// injected time). A request that finds no room waits in a bounded queue, trusted clients ahead of
/// the others; when the queue is full a trusted arrival takes the place of the newest untrusted
/// waiter. Each slot is handed to exactly one waiter, so what passes never exceeds the budget.
/// </summary>
public sealed class BudgetGate
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _trusted = new();
    private readonly LinkedList<Waiter> _others = new();
    private readonly TimeProvider _time;
    private BudgetConfig _config;
    private int _inFlight;
    private double _tokens;
    private long _refilledAt;
    private ITimer? _rateTimer;

    public BudgetGate(string name, BudgetConfig config, TimeProvider time)
    {
        Name = name;
        _config = config;
        _time = time;
        _tokens = Burst(config);
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>"origin:NAME" or "route:NAME", the <c>budget</c> tag of the metrics.</summary>
    public string Name { get; }

    public BudgetConfig Config => _config;

    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _trusted.Count + _others.Count;
            }
        }
    }

    /// <summary>Takes new limits from a reload; waiters are re-examined at once.</summary>
    public void Update(BudgetConfig config)
    {
        if (ReferenceEquals(config, _config))
        {
            return;
        }

        lock (_gate)
        {
            _config = config;
            _tokens = Math.Min(_tokens, Burst(config));
            Pump();
        }
    }

    /// <summary>
    /// Takes a slot when one is free and nobody waits for it — the request path's first question, so
    /// that a request that needs no queue never works out anything else (trust, timers, a task).
    /// The caller must call <see cref="Release"/> once after the request ends when this returns true.
    /// </summary>
    public bool TryEnter()
    {
        lock (_gate)
        {
            return _trusted.Count + _others.Count == 0 && TryTake();
        }
    }

    /// <summary>Waits for room; the caller must call <see cref="Release"/> once after an admitted request ends.</summary>
    public async ValueTask<BudgetOutcome> AcquireAsync(bool trusted, CancellationToken cancellationToken)
    {
        Waiter waiter;
        BudgetConfig config;
        lock (_gate)
        {
            config = _config;
            if (_trusted.Count + _others.Count == 0 && TryTake())
            {
                return BudgetOutcome.Immediate;
            }

            if (_trusted.Count + _others.Count >= config.QueueSize)
            {
                // Under pressure a trusted client displaces the newest untrusted waiter.
                if (!trusted || _others.Last is not { } displaced)
                {
                    return BudgetOutcome.QueueFull;
                }

                _others.RemoveLast();
                displaced.Value.Completion.TrySetResult(false);
            }

            waiter = new Waiter(trusted);
            waiter.Node = (trusted ? _trusted : _others).AddLast(waiter);
            ScheduleRefill();
        }

        bool admitted;
        try
        {
            admitted = await waiter.Completion.Task.WaitAsync(config.QueueTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (waiter.Node!.List is { } list)
                {
                    list.Remove(waiter.Node);
                    waiter.Completion.TrySetResult(false);
                }
            }

            // A slot handed over just as the wait ended belongs to this request: give it back.
            if (waiter.Completion.Task.IsCompletedSuccessfully && waiter.Completion.Task.Result)
            {
                Release();
            }

            if (e is OperationCanceledException)
            {
                throw;
            }

            return BudgetOutcome.QueueTimeout;
        }

        return admitted ? BudgetOutcome.Queued : BudgetOutcome.QueueFull;
    }

    public void Release()
    {
        lock (_gate)
        {
            _inFlight--;
            Pump();
        }
    }

    /// <summary>Hands free slots to waiters, trusted first. Called under the lock.</summary>
    private void Pump()
    {
        while (true)
        {
            var next = _trusted.First ?? _others.First;
            if (next is null || !TryTake())
            {
                break;
            }

            next.List!.Remove(next);
            if (!next.Value.Completion.TrySetResult(true))
            {
                _inFlight--; // already given up (timed out); the slot stays free
            }
        }

        if (_trusted.Count + _others.Count > 0)
        {
            ScheduleRefill();
        }
    }

    private bool TryTake()
    {
        var config = _config;
        if (config.MaxConcurrent > 0 && _inFlight >= config.MaxConcurrent)
        {
            return false;
        }

        if (config.MaxRate > 0)
        {
            Refill(config);
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
        }

        _inFlight++;
        return true;
    }

    private void Refill(BudgetConfig config)
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        _tokens = Math.Min(Burst(config), _tokens + elapsed.TotalSeconds * config.MaxRate);
    }

    /// <summary>When only the rate holds waiters back, nothing else would wake them: a timer does, when the next token is due.</summary>
    private void ScheduleRefill()
    {
        var config = _config;
        if (config.MaxRate <= 0 || (config.MaxConcurrent > 0 && _inFlight >= config.MaxConcurrent))
        {
            return;
        }

        var due = TimeSpan.FromSeconds(Math.Max(0, 1 - _tokens) / config.MaxRate) + TimeSpan.FromMilliseconds(1);
        if (_rateTimer is null)
        {
            _rateTimer = _time.CreateTimer(_ => { lock (_gate) { Pump(); } }, null, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _rateTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private static double Burst(BudgetConfig config) => config.Burst > 0 ? config.Burst : Math.Max(1, Math.Ceiling(config.MaxRate));

    private sealed class Waiter(bool trusted)
    {
        public bool Trusted { get; } = trusted;

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
