using Rempart.Gateway.Configuration;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// The counters an event function keeps across invocations (a pooled engine's globals do not
/// survive: engines are dropped after a failure and several run at once). Each is a sliding window
/// over the gateway's <see cref="RateCounterStore"/>, per function and window length, so counts
/// survive reloads, are shared by concurrent invocations and are bounded in memory like rate rules.
/// </summary>
public sealed class FunctionCounters(RateCounterStore store, string function)
{
    public const int MaxKeyLength = 256;
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    /// <summary>Counts one for <paramref name="key"/> and returns the number in the window, this one included.</summary>
    public long Increment(string key, string? window) => Round(store.Increment(Rule(window, out var w), Key(key), w));

    public long Get(string key, string? window) => Round(store.Estimate(Rule(window, out var w), Key(key), w));

    private string Rule(string? window, out TimeSpan length)
    {
        length = TimeSpan.FromMinutes(1);
        if (window is not null && (!Duration.TryParse(window, out length) || length <= TimeSpan.Zero || length > MaxWindow))
        {
            throw new FunctionEffectException($"counter window '{(window.Length > 40 ? window[..40] : window)}' is not a duration from 1s to 1d (write \"1m\", \"10m\", \"1h\")");
        }

        return $"function:{function}:{length.Ticks}";
    }

    private static string Key(string key) => key.Length <= MaxKeyLength ? key : key[..MaxKeyLength];

    // The store estimates a sliding window from two fixed ones; a function compares whole counts.
    private static long Round(double estimate) => (long)Math.Round(estimate, MidpointRounding.AwayFromZero);
}
