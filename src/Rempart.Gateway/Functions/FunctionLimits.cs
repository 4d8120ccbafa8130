using Rempart.Gateway.Configuration.Functions;

namespace Rempart.Gateway.Functions;

/// <summary>The limits one invocation runs under, with the defaults of its kind filled in.</summary>
public sealed record FunctionLimits(int MaxStatements, TimeSpan TimeBudget, long MemoryBytes, int RecursionDepth)
{
    /// <summary>Wall-clock time one run may take; null: a hundred times the CPU budget (edge functions). Event functions set their timeout.</summary>
    public TimeSpan? WallCeiling { get; init; }

    public const long EdgeMemoryCeiling = 64L * 1024 * 1024;
    public const long EventMemoryCeiling = 3L * 1024 * 1024 * 1024;
    public static readonly TimeSpan EdgeTimeCeiling = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Edge defaults follow CloudFront Functions (1 ms of compute, small memory) because they run
    /// inside every request; event defaults follow a small Lambda (128 MiB) because they run beside it.
    /// </summary>
    public static FunctionLimits For(FunctionTrigger trigger, FunctionLimitsConfig config) => trigger == FunctionTrigger.Event
        ? new(config.MaxStatements ?? 10_000_000, config.TimeBudget ?? TimeSpan.FromSeconds(1), config.Memory?.Bytes ?? 128L * 1024 * 1024, config.RecursionDepth ?? 256) { WallCeiling = config.Timeout }
        : new(config.MaxStatements ?? 10_000, config.TimeBudget ?? TimeSpan.FromMilliseconds(1), config.Memory?.Bytes ?? 4L * 1024 * 1024, config.RecursionDepth ?? 64);
}
