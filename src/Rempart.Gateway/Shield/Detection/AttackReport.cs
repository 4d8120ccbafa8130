namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// An attack event as operators see it (API, store, notifications) — modelled on Shield
/// Advanced's <c>AttackDetail</c>: vectors, counters, top contributors and mitigations.
/// An immutable snapshot: the detector makes a new one whenever it reports.
/// </summary>
public sealed record AttackReport
{
    public required string Id { get; init; }

    public required string Route { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public required IReadOnlyList<string> Vectors { get; init; }

    /// <summary>Why the event opened: each measure that departed from the baseline, with its value and threshold.</summary>
    public required IReadOnlyList<string> Triggers { get; init; }

    public required AttackBaseline Baseline { get; init; }

    public long PeakRequestsPerSecond { get; init; }

    /// <summary>Requests in the last whole second (the current attack rate while the event is open).</summary>
    public long RequestsPerSecond { get; init; }

    public long TotalRequests { get; init; }

    public long Dropped { get; init; }

    public long Challenged { get; init; }

    public long Passed { get; init; }

    /// <summary>Requests that matched a mitigation in count mode (they passed).</summary>
    public long Counted { get; init; }

    public bool UnderAttackMode { get; init; }

    public required AttackContributors TopContributors { get; init; }

    public required IReadOnlyList<MitigationRecord> Mitigations { get; init; }
}

/// <summary>The route's baseline when the attack opened.</summary>
public sealed record AttackBaseline(double RequestsPerSecond, double ErrorsPerSecond, double LatencyMilliseconds, long KnownClients);

/// <summary>Top five contributors of each kind, by requests over the attack (approximate beyond the tables' capacity).</summary>
public sealed record AttackContributors(
    IReadOnlyList<Contributor> Ips,
    IReadOnlyList<Contributor> Prefixes,
    IReadOnlyList<Contributor> Countries,
    IReadOnlyList<Contributor> Asns,
    IReadOnlyList<Contributor> UserAgents,
    IReadOnlyList<Contributor> Paths);

public sealed record Contributor(string Value, long Requests);

/// <summary>One signature component tried during the attack: applied, or rejected by the baseline test.</summary>
public sealed record MitigationRecord
{
    public required string Kind { get; init; }

    public required string Action { get; init; }

    public required bool Applied { get; init; }

    public required IReadOnlyList<string> Values { get; init; }

    public required int ValueCount { get; init; }

    /// <summary>Share of the baseline's clients the component would have hit when it was tested.</summary>
    public required double BaselineShare { get; init; }

    public required DateTimeOffset At { get; init; }

    public DateTimeOffset? EnforcedFrom { get; init; }

    public DateTimeOffset? RemovedAt { get; init; }
}
