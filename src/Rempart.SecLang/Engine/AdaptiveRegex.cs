using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Rempart.SecLang.Engine;

/// <summary>
/// A compiled <c>@rx</c> pattern that starts on .NET's backtracking interpreter (cheap to build: CRS's ~300
/// patterns load in a fraction of a second) and moves itself to the NonBacktracking engine once it has cost
/// <see cref="UpgradeAfter"/> of matching time in this process. NonBacktracking runs in linear time — about 10×
/// faster on CRS's long alternations, and immune to catastrophic backtracking — but building it costs 2–480 ms per
/// CRS pattern (11 s for all of them), so only the patterns that traffic actually makes expensive pay it, once, on
/// a thread-pool thread while the backtracking version keeps serving. Patterns NonBacktracking cannot express
/// (backreferences, lookarounds, atomic groups) stay on the interpreter, bounded by the match timeout.
/// </summary>
/// <remarks>
/// The two engines find the same matches and captures on CRS (the regression suite gives the same result with
/// every pattern on either). One known difference: under <c>(?i)</c> NonBacktracking also treats U+00A0 as white
/// space in the ASCII <c>\s</c> class; that only ever adds a match.
/// </remarks>
public sealed class AdaptiveRegex
{
    /// <summary>.NET's AppContext switch for the largest automaton NonBacktracking builds (default 10,000 nodes).</summary>
    public const string MaxAutomataSizeSwitch = "REGEX_NONBACKTRACKING_MAX_AUTOMATA_SIZE";

    /// <summary>The limit the engine sets unless the host set one: CRS's largest patterns need up to ~30,000 nodes.</summary>
    public const int MaxAutomataSize = 100_000;

    static AdaptiveRegex()
    {
        // At .NET's default limit CRS's big word alternations (932235, 932236, 933120: 15,000–30,000 nodes) are
        // refused and stay on the interpreter, where 932235 alone cost 4–12 ms per 64 KiB JSON request against
        // 0.15 ms on NonBacktracking (measured in process, session 3). The size bounds the pattern's automaton, not
        // per-input state (the DFA cache has its own cap), and only patterns traffic makes expensive get built.
        if (AppContext.GetData(MaxAutomataSizeSwitch) is null)
        {
            AppContext.SetData(MaxAutomataSizeSwitch, MaxAutomataSize);
        }
    }

    /// <summary>Cumulative matching time after which a pattern is rebuilt on NonBacktracking.</summary>
    public static readonly long UpgradeAfter = Stopwatch.Frequency / 50; // 20 ms

    private readonly string _pattern;
    private readonly RegexOptions _options;
    private readonly TimeSpan _timeout;
    private readonly RequiredLiterals? _prefilter;
    private Regex _current;
    private long _ticks;
    private int _state; // 0: measuring, 1: rebuilding or settled

    internal AdaptiveRegex(string pattern, RegexOptions options, TimeSpan timeout)
    {
        _pattern = pattern;
        _options = options;
        _timeout = timeout;
        _current = new Regex(pattern, options, timeout);
        _prefilter = RequiredLiterals.For(pattern, (options & RegexOptions.IgnoreCase) != 0);
    }

    /// <summary>The literals one of which every match contains (checked before the regex runs), or null.</summary>
    public RequiredLiterals? Prefilter => _prefilter;

    /// <summary>The regex in use now.</summary>
    public Regex Current => Volatile.Read(ref _current);

    /// <summary>True once the pattern runs on NonBacktracking.</summary>
    public bool IsNonBacktracking => (Current.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>How many patterns moved to NonBacktracking in this process (for logs and benchmarks).</summary>
    public static int Upgraded => _upgraded;

    private static int _upgraded;

    public bool IsMatch(string input)
    {
        // Most values hold none of the pattern's required literals: one vectorised scan answers instead of the regex
        // (CRS PL1 on a 64 KiB JSON body: measured in docs/seclang.md).
        if (_prefilter is { } prefilter && !prefilter.MayMatch(input))
        {
            return false;
        }

        if (Volatile.Read(ref _state) != 0)
        {
            return Current.IsMatch(input);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return _current.IsMatch(input);
        }
        finally
        {
            Charge(Stopwatch.GetTimestamp() - started);
        }
    }

    public Match Match(string input)
    {
        if (Volatile.Read(ref _state) != 0)
        {
            return Current.Match(input);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return _current.Match(input);
        }
        finally
        {
            Charge(Stopwatch.GetTimestamp() - started);
        }
    }

    private void Charge(long ticks)
    {
        if (Interlocked.Add(ref _ticks, ticks) >= UpgradeAfter && Interlocked.CompareExchange(ref _state, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Upgrade(), this, preferLocal: false);
        }
    }

    private void Upgrade()
    {
        try
        {
            var linear = new Regex(_pattern, _options | RegexOptions.NonBacktracking, _timeout);
            Volatile.Write(ref _current, linear);
            Interlocked.Increment(ref _upgraded);
        }
        catch (NotSupportedException)
        {
            // Stays on the backtracking interpreter.
        }
    }
}
