using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Jint;

namespace Rempart.Gateway.Functions;

/// <summary>
/// Fails an invocation once it has used its time budget of <em>CPU</em> time, as CloudFront
/// measures compute utilisation: a function preempted on a busy machine is not charged for the
/// time it waited, and neither is the runtime's one-time JIT compilation of an interpreter path
/// the function happens to be the first to take, nor a garbage collection that other requests'
/// allocations caused. Reading a thread's CPU clock is a system call
/// (about 1 µs here, as long as a trivial function's whole run), so the cheap wall clock screens
/// first: CPU time can never exceed wall time, and the CPU clock is read only once the wall clock
/// says the budget may be spent. Checked every few statements (amortised), as Jint's own timeout is.
/// </summary>
internal sealed class CpuTimeBudgetConstraint(TimeSpan budget, TimeSpan? wallCeiling = null) : Constraint
{
    private readonly long _budgetNs = (long)(budget.TotalMilliseconds * 1_000_000);

    // A hard wall-clock ceiling as well, so that nothing the CPU clock misses can hold a request:
    // a hundred times the budget, and never less than 250 ms (or the event function's timeout).
    private readonly long _wallCeilingNs = wallCeiling is { } wall
        ? (long)(wall.TotalMilliseconds * 1_000_000)
        : Math.Max((long)(budget.TotalMilliseconds * 100_000_000), 250_000_000);
    private long _wallStart;
    private long _jitStart;
    private long _gcStart;
    private long _cpuStart;
    private long _chargedBeforeCpuStart;

    public override bool IsAmortizable => true;

    public override void Reset()
    {
        _wallStart = Stopwatch.GetTimestamp();
        _jitStart = JitInfo.GetCompilationTime(currentThread: true).Ticks;
        _gcStart = GC.GetTotalPauseDuration().Ticks;
        _cpuStart = -1;
    }

    public override void Check()
    {
        var notChargedNs = (JitInfo.GetCompilationTime(currentThread: true).Ticks - _jitStart + GC.GetTotalPauseDuration().Ticks - _gcStart) * 100;
        var wallNs = (long)(Stopwatch.GetElapsedTime(_wallStart).Ticks * 100L);
        if (_cpuStart < 0)
        {
            // First check of this run: start the CPU clock, charging what ran before at wall time (an upper bound).
            _cpuStart = ThreadCpuNanoseconds();
            _chargedBeforeCpuStart = wallNs;
        }

        if (wallNs > _wallCeilingNs)
        {
            throw new FunctionLimitException(FunctionLimit.Time, $"the function ran for more than {_wallCeilingNs / 1_000_000} ms of wall-clock time");
        }

        if (wallNs - notChargedNs <= _budgetNs)
        {
            return;
        }

        if (_chargedBeforeCpuStart + (ThreadCpuNanoseconds() - _cpuStart) - notChargedNs > _budgetNs)
        {
            throw new FunctionLimitException(FunctionLimit.Time, $"the function used more than its {budget.TotalMilliseconds} ms CPU budget");
        }
    }

    private static long ThreadCpuNanoseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out var ts) == 0)
        {
            return (ts.Seconds * 1_000_000_000) + ts.Nanoseconds;
        }

        // Elsewhere: wall time, the conservative stand-in.
        return Stopwatch.GetTimestamp() * (1_000_000_000 / Stopwatch.Frequency);
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
