using Rempart.SecLang.Operators;

namespace Rempart.SecLang.Engine;

/// <summary>What the host gives the engine: limits, detectors, time, shared caches. Not part of the rule files.</summary>
public sealed class SecLangOptions
{
    /// <summary>How long one regular-expression match may run before it is abandoned and counted (default 100 ms).</summary>
    public TimeSpan RegexMatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// After this many regex timeouts in one transaction the rest of its inspection is abandoned (every operator
    /// then fails to match), so a request built to hit catastrophic patterns costs at most this many timeouts.
    /// 0: no limit. The host decides what an abandoned inspection means (<see cref="Transaction.InspectionAbandoned"/>).
    /// </summary>
    public int MaxRegexTimeouts { get; init; }

    /// <summary>The detectors behind <c>@detectSQLi</c> / <c>@detectXSS</c>.</summary>
    public IInjectionDetector InjectionDetector { get; init; } = RempartInjectionDetector.Instance;

    /// <summary>The clock for TIME* variables, DURATION and persistent-collection expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where IP/SESSION/USER/GLOBAL/RESOURCE collections live (default: in memory).</summary>
    public IPersistentCollectionStore CollectionStore { get; init; } = new InMemoryCollectionStore();

    /// <summary>Compiled regular expressions shared by every rule set loaded with these options (reloads reuse them).</summary>
    public RegexCache Regexes { get; init; } = RegexCache.Shared;

    /// <summary>Environment variables for <c>ENV</c> (default: the process environment).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Reads an included or data file; the default reads the file system. Lets tests and hosts serve files from elsewhere.</summary>
    public Func<string, string>? FileReader { get; init; }
}
