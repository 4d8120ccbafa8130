namespace Rempart.Gateway.Configuration.Functions;

/// <summary>Limits of one function. Unset values take the defaults of the function's kind (edge or event).</summary>
public sealed record FunctionLimitsConfig
{
    [ConfigDoc("JavaScript statements one invocation may run; 0 means no count. Default: 10000 (edge), 10000000 (event).")]
    public int? MaxStatements { get; init; }

    [ConfigDoc("CPU time one JavaScript invocation may use. Default: 1ms (edge, as CloudFront Functions), 1s (event); at most 100ms for edge functions.")]
    public TimeSpan? TimeBudget { get; init; }

    [ConfigDoc("Memory one JavaScript invocation may allocate. Default: 4MiB (edge), 128MiB (event); at most 64MiB (edge) and 3GiB (event).")]
    public ByteSize? Memory { get; init; }

    [ConfigDoc("Depth of nested JavaScript calls. Default: 64 (edge), 256 (event).")]
    public int? RecursionDepth { get; init; }

    [ConfigDoc("Event functions: wall-clock time one attempt may take (JavaScript or HTTP). Default: 10s.")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    [ConfigDoc("Event functions: events waiting to run; when full, new events are dropped and counted. Default: 1000.")]
    public int QueueCapacity { get; init; } = 1000;

    [ConfigDoc("Event functions: invocations running at once. Default: 1.")]
    public int Concurrency { get; init; } = 1;

    [ConfigDoc("Event functions: retries after a failed attempt, before the event is dead-lettered. Default: 3.")]
    public int Retries { get; init; } = 3;

    [ConfigDoc("Event functions: wait before the first retry; doubles each time. Default: 1s.")]
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(1);

    [ConfigDoc("Event functions: decisions and IP-set changes one invocation may make; more are refused with a function_capped event. Default: 100.")]
    public int MaxEffects { get; init; } = 100;
}
