namespace Rempart.Gateway.State;

/// <summary>
/// An enforcement decision: ban, challenge or throttle a scope (an IP, a CIDR, a country, an ASN)
/// until it expires (or forever), with why and who made it.
/// </summary>
public sealed record Decision(
    string Id,
    string ScopeType,
    string Scope,
    string Action,
    string Reason,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt)
{
    public bool IsActive(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
