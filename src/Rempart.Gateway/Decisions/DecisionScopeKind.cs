namespace Rempart.Gateway.Decisions;

/// <summary>What a decision covers. Country and ASN scopes apply only when a geo database is configured.</summary>
public enum DecisionScopeKind
{
    Ip,
    Cidr,
    Country,
    Asn,
}
