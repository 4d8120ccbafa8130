namespace Rempart.Gateway.Decisions;

/// <summary>Filters and paging of the decisions list (admin API, CLI).</summary>
public sealed record DecisionQuery
{
    public DecisionAction? Action { get; init; }

    public string? Source { get; init; }

    /// <summary>ip, cidr, country or asn.</summary>
    public string? ScopeType { get; init; }

    /// <summary>Only decisions whose IP or CIDR covers this address.</summary>
    public string? Ip { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 100;
}
