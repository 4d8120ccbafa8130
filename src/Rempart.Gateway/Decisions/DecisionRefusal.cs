namespace Rempart.Gateway.Decisions;

/// <summary>Why a decision was not taken. Expected outcomes, not exceptions.</summary>
public enum DecisionRefusal
{
    None,

    /// <summary>The scope is not an IP, CIDR, country:CC or asn:N.</summary>
    InvalidScope,

    /// <summary>The CIDR is wider than min_prefix_v4/min_prefix_v6 (0.0.0.0/0, ::/0 …).</summary>
    TooBroad,

    /// <summary>The scope covers a trusted proxy: banning it would ban everyone behind it.</summary>
    TrustedProxy,

    /// <summary>The scope overlaps the operator's allow list.</summary>
    AllowListed,

    /// <summary>max_active decisions are already held.</summary>
    CapReached,

    /// <summary>The duration is zero or negative, or the reason or source is too long.</summary>
    InvalidRequest,
}
