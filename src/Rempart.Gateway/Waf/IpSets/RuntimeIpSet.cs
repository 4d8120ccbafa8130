using System.Net;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.State;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Waf.IpSets;

/// <summary>
/// The entries added to one named IP set at run time (by event functions and the admin API), on
/// top of the CIDRs the config lists. Lookups read one immutable <see cref="IpPrefixSet"/> swapped
/// whole on every change, so the request path never locks; changes are rare and rebuild the set.
/// </summary>
public sealed class RuntimeIpSet(string name)
{
    private static readonly IpPrefixSet Empty = new([]);
    private readonly Dictionary<string, (IpSetEntry Entry, IPNetwork Network)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile IpPrefixSet _current = Empty;
    private volatile IpPrefixSet? _published;

    public string Name { get; } = name;

    public int Count => _current.Count;

    public bool Contains(IPAddress address)
    {
        var set = _current;
        return (set.Count > 0 && set.Contains(address)) || _published?.Contains(address) == true;
    }

    /// <summary>Replaces the part another component maintains whole (the reputation lists), apart from the stored entries.</summary>
    internal void Publish(IpPrefixSet? set) => _published = set is { Count: > 0 } ? set : null;

    public IReadOnlyList<IpSetEntry> Entries()
    {
        lock (_gate)
        {
            return _entries.Values.Select(e => e.Entry).OrderBy(e => e.Cidr, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>True when the set holds this (canonical) CIDR as a run-time entry.</summary>
    public bool Has(string cidr)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(cidr);
        }
    }

    internal void Put(IpSetEntry entry)
    {
        var network = CidrParser.TryParse(entry.Cidr, out var n) ? n : throw new ArgumentException($"'{entry.Cidr}' is not a CIDR", nameof(entry));
        lock (_gate)
        {
            _entries[entry.Cidr] = (entry, network);
            Rebuild();
        }
    }

    internal bool Remove(string cidr)
    {
        lock (_gate)
        {
            if (!_entries.Remove(cidr))
            {
                return false;
            }

            Rebuild();
            return true;
        }
    }

    /// <summary>Removes the entries expired at <paramref name="now"/> and returns them.</summary>
    internal IReadOnlyList<IpSetEntry> Expire(DateTimeOffset now)
    {
        lock (_gate)
        {
            var expired = _entries.Values.Select(e => e.Entry).Where(e => e.ExpiresAt is { } at && at <= now).ToList();
            if (expired.Count > 0)
            {
                foreach (var e in expired)
                {
                    _entries.Remove(e.Cidr);
                }

                Rebuild();
            }

            return expired;
        }
    }

    // A change rebuilds the set from the parsed networks (a few ms at the 100,000-entry cap): changes are rare, lookups are not.
    private void Rebuild() => _current = new IpPrefixSet(_entries.Values.Select(e => e.Network));
}
