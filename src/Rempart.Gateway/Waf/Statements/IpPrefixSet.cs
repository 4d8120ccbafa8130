using System.Net;
using System.Net.Sockets;
using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// A set of IPv4 and IPv6 prefixes with lookup in O(prefix length): one hash set of network
/// addresses per prefix length in use, probed from the longest length down. Built once per config.
/// </summary>
public sealed class IpPrefixSet
{
    private readonly (int Length, HashSet<UInt128> Networks)[] _v4;
    private readonly (int Length, HashSet<UInt128> Networks)[] _v6;

    public IpPrefixSet(IEnumerable<IPNetwork> networks)
    {
        var v4 = new Dictionary<int, HashSet<UInt128>>();
        var v6 = new Dictionary<int, HashSet<UInt128>>();
        foreach (var n in networks)
        {
            var isV4 = n.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
            var table = isV4 ? v4 : v6;
            if (!table.TryGetValue(n.PrefixLength, out var set))
            {
                table[n.PrefixLength] = set = [];
            }

            set.Add(IpNumber.Mask(IpNumber.From(n.BaseAddress), n.PrefixLength, isV4 ? 32 : 128));
            Count++;
        }

        _v4 = v4.OrderByDescending(p => p.Key).Select(p => (p.Key, p.Value)).ToArray();
        _v6 = v6.OrderByDescending(p => p.Key).Select(p => (p.Key, p.Value)).ToArray();
    }

    public int Count { get; }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var isV4 = address.AddressFamily == AddressFamily.InterNetwork;
        var bits = isV4 ? 32 : 128;
        var value = IpNumber.From(address);
        foreach (var (length, networks) in isV4 ? _v4 : _v6)
        {
            if (networks.Contains(IpNumber.Mask(value, length, bits)))
            {
                return true;
            }
        }

        return false;
    }
}
