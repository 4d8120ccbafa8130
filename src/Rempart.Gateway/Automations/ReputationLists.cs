using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Automations;

/// <summary>Placeholder filled by the reputation list fetcher: the union of the last good lists.</summary>
public sealed class ReputationLists
{
    private volatile IpPrefixSet? _blocking;

    /// <summary>The set Shield refuses, or null when lists are off or do not block.</summary>
    public IpPrefixSet? Blocking => _blocking;

    internal void Publish(IpPrefixSet? set) => _blocking = set;
}
