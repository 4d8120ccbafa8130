namespace Rempart.Gateway.Shield.Mitigation;

/// <summary>What enforcement decided for one request; the host turns it into a response.</summary>
public enum MitigationVerdict
{
    None,
    Count,
    RateLimited,
    Challenge,
    Block,
}
