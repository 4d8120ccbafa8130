namespace Rempart.Gateway.Configuration.Shield;

/// <summary>
/// What an origin (or a route) may receive: concurrent requests and a rate. Requests over the
/// budget wait in a short bounded queue, then get 503 with Retry-After; the origin never sees more.
/// </summary>
public sealed record BudgetConfig
{
    [ConfigDoc("Requests in flight at once. 0: no concurrency budget.")]
    public int MaxConcurrent { get; init; }

    [ConfigDoc("Requests per second admitted (token bucket refilled continuously). 0: no rate budget.")]
    public double MaxRate { get; init; }

    [ConfigDoc("Requests admitted at once above max_rate after a quiet spell. Default: max_rate rounded up (one second's worth).")]
    public int Burst { get; init; }

    [ConfigDoc("Requests that may wait for a free slot; a request beyond it is refused at once with 503.")]
    public int QueueSize { get; init; } = 100;

    [ConfigDoc("Longest wait in the queue before 503.")]
    public TimeSpan QueueTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
