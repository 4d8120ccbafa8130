namespace Rempart.Gateway.Shield.Mitigation;

/// <summary>What an applied signature does to the requests it matches.</summary>
public enum MitigationAction
{
    /// <summary>Let them through and count them (observe a signature before trusting it).</summary>
    Count,

    /// <summary>Each matching source gets at most <c>rate_limit</c> requests per second; the rest get 429.</summary>
    RateLimit,

    /// <summary>The WAF's challenge page unless the client holds a valid challenge token.</summary>
    Challenge,

    /// <summary>403 block page.</summary>
    Block,
}
