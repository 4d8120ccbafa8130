using System.Collections.Frozen;

namespace Rempart.Gateway.Proxy;

/// <summary>
/// An origin group, as CloudFront has them: requests go to the primary pool; GET, HEAD and OPTIONS
/// go to the secondary when the primary has no healthy target, cannot be reached, times out, or
/// answers one of the failover statuses.
/// </summary>
public sealed class OriginGroup(string name, OriginPool primary, OriginPool secondary, IEnumerable<int> statuses) : IOriginHandle
{
    public string Name { get; } = name;

    public OriginPool Primary { get; } = primary;

    public OriginPool Secondary { get; } = secondary;

    public FrozenSet<int> FailoverStatuses { get; } = statuses.ToFrozenSet();

    public static bool CanFailOver(string method) =>
        HttpMethodsEqual(method, "GET") || HttpMethodsEqual(method, "HEAD") || HttpMethodsEqual(method, "OPTIONS");

    private static bool HttpMethodsEqual(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
