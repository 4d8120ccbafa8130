namespace Rempart.Gateway.Shield.Detection;

/// <summary>What a detector tick reports about a route's attack.</summary>
public enum AttackChangeKind
{
    Started,

    /// <summary>The applied mitigations (or under-attack mode) changed.</summary>
    MitigationChanged,

    /// <summary>A periodic snapshot of an open attack (persisted so a crash loses little).</summary>
    Progress,

    Ended,
}

public sealed record AttackChange(AttackChangeKind Kind, AttackReport Report);
