using Rempart.Gateway.Shield.Mitigation;

namespace Rempart.Gateway.Shield.Detection;

/// <summary>The mutable state of a route's open attack, owned by its <see cref="RouteMonitor"/> under its lock.</summary>
internal sealed class OpenAttack(string id, DateTimeOffset startedAt, AttackBaseline baseline, int sourceCapacity)
{
    public string Id { get; } = id;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public AttackBaseline Baseline { get; } = baseline;

    public AttackVector Vectors { get; set; }

    public List<string> Triggers { get; } = [];

    public long Peak { get; set; }

    public long Total { get; set; }

    public long Dropped { get; set; }

    public long Challenged { get; set; }

    public long Passed { get; set; }

    public long Counted { get; set; }

    public int LastSecondRequests { get; set; }

    public int QuietSeconds { get; set; }

    public int Seconds { get; set; }

    /// <summary>Consecutive seconds in which requests that passed Shield still exceeded the attack threshold.</summary>
    public int SecondsStillPassing { get; set; }

    public bool UnderAttack { get; set; }

    public DateTimeOffset LastProgress { get; set; } = startedAt;

    public TrafficComposition Composition { get; } = new(sourceCapacity);

    public Dictionary<SignatureKind, ActiveMitigation> Applied { get; } = [];

    /// <summary>Latest record per component kind (applied or rejected), plus removed ones.</summary>
    public Dictionary<SignatureKind, MitigationRecord> Records { get; } = [];
}
