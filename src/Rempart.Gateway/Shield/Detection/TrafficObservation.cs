namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// What detection learns from one request, filled by the host from its own request object.
/// Strings are the request's own (no copies); hashes stand for values that are only compared.
/// </summary>
public readonly record struct TrafficObservation(
    UInt128 Source,
    string Path,
    bool HasQuery,
    int QueryHash,
    string? UserAgent,
    string? Ja4,
    int HeaderOrderHash,
    int Status,
    double OriginMilliseconds,
    WafSignal Waf,
    RequestOutcome Outcome);

/// <summary>What the WAF said about the request, folded into the classes a campaign is made of.</summary>
[Flags]
public enum WafSignal
{
    None = 0,
    Sqli = 1,
    Xss = 2,
    Scanner = 4,

    /// <summary>Any other terminating block or challenge by the WAF.</summary>
    Other = 8,
}

/// <summary>What Shield did with a request (counted per attack).</summary>
public enum RequestOutcome
{
    Passed,
    Dropped,
    Challenged,

    /// <summary>Matched a mitigation in count mode: passed, but counted as a hit.</summary>
    Counted,
}
