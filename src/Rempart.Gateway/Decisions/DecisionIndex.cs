using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Decisions;

/// <summary>
/// The in-memory index Shield reads on every request. One concurrent hash map per prefix length in
/// use (a single address is the /32 or /128 map, so an exact IP is one probe); a lookup probes only
/// the lengths that hold entries, longest first — O(prefix length) at worst, and in practice the
/// handful of lengths operators and automations use. Country and ASN decisions have their own maps.
/// Reads are lock-free; writes (rare, from the decision service) take a lock only to keep the
/// per-length counts that tell readers which maps to probe.
/// </summary>
public sealed class DecisionIndex
{
    private readonly ConcurrentDictionary<UInt128, ActiveDecision>?[] _v4 = new ConcurrentDictionary<UInt128, ActiveDecision>?[33];
    private readonly ConcurrentDictionary<UInt128, ActiveDecision>?[] _v6 = new ConcurrentDictionary<UInt128, ActiveDecision>?[129];
    private readonly ConcurrentDictionary<string, ActiveDecision> _countries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, ActiveDecision> _asns = new();
    private readonly ConcurrentDictionary<string, ActiveDecision> _byScope = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ActiveDecision> _byId = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile int[] _v4Lengths = [];
    private volatile int[] _v6Lengths = [];

    // Kept under _gate by Put and RemoveLocked: ConcurrentDictionary's Count and IsEmpty take every
    // internal lock (IsEmpty does when the map is empty — the usual case, checked on every request).
    private volatile int _count;
    private volatile int _geoCount;

    public int Count => _count;

    public bool IsEmpty => _count == 0;

    public bool HasGeoScopes => _geoCount > 0;

    public IEnumerable<ActiveDecision> All => _byId.Values;

    public ActiveDecision? ById(string id) => _byId.GetValueOrDefault(id);

    public ActiveDecision? ByScope(string scopeText) => _byScope.GetValueOrDefault(scopeText);

    /// <summary>Adds or replaces the decision for its scope; returns the one it replaced.</summary>
    public ActiveDecision? Put(ActiveDecision decision)
    {
        lock (_gate)
        {
            var replaced = _byScope.GetValueOrDefault(decision.Scope.Text);
            if (replaced is not null)
            {
                RemoveLocked(replaced);
            }

            var scope = decision.Scope;
            switch (scope.Kind)
            {
                case DecisionScopeKind.Country:
                    _countries[scope.Country!] = decision;
                    break;
                case DecisionScopeKind.Asn:
                    _asns[scope.Asn] = decision;
                    break;
                default:
                    var (maps, length, isV4) = Maps(scope.Network);
                    var map = maps[length] ??= new ConcurrentDictionary<UInt128, ActiveDecision>();
                    map[IpNumber.From(scope.Network.BaseAddress)] = decision;
                    RefreshLengths(isV4);
                    break;
            }

            _byScope[scope.Text] = decision;
            if (!_byId.TryAdd(decision.Id, decision))
            {
                _byId[decision.Id] = decision; // the same id again: already counted
                return replaced;
            }

            _count++;
            if (scope.Kind is DecisionScopeKind.Country or DecisionScopeKind.Asn)
            {
                _geoCount++;
            }

            return replaced;
        }
    }

    public bool Remove(ActiveDecision decision)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(decision.Id, out var current) && ReferenceEquals(current, decision) && RemoveLocked(decision);
        }
    }

    /// <summary>The most specific active decision covering the address (longest prefix first), then country, then ASN.</summary>
    public ActiveDecision? Match(IPAddress address, DateTimeOffset now, Waf.Geo.GeoLookup? geo)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var isV4 = address.AddressFamily == AddressFamily.InterNetwork;
        var lengths = isV4 ? _v4Lengths : _v6Lengths;
        if (lengths.Length > 0)
        {
            var maps = isV4 ? _v4 : _v6;
            var bits = isV4 ? 32 : 128;
            var value = IpNumber.From(address);
            foreach (var length in lengths)
            {
                if (maps[length] is { } map && map.TryGetValue(IpNumber.Mask(value, length, bits), out var hit) && hit.IsActive(now))
                {
                    return hit;
                }
            }
        }

        if (geo is not null && HasGeoScopes)
        {
            if (!_countries.IsEmpty && geo.Country(address) is { } country && _countries.TryGetValue(country, out var c) && c.IsActive(now))
            {
                return c;
            }

            if (!_asns.IsEmpty && geo.Asn(address) is { } asn && _asns.TryGetValue(asn, out var a) && a.IsActive(now))
            {
                return a;
            }
        }

        return null;
    }

    private bool RemoveLocked(ActiveDecision decision)
    {
        var scope = decision.Scope;
        switch (scope.Kind)
        {
            case DecisionScopeKind.Country:
                _countries.TryRemove(new KeyValuePair<string, ActiveDecision>(scope.Country!, decision));
                break;
            case DecisionScopeKind.Asn:
                _asns.TryRemove(new KeyValuePair<long, ActiveDecision>(scope.Asn, decision));
                break;
            default:
                var (maps, length, isV4) = Maps(scope.Network);
                if (maps[length] is { } map && map.TryRemove(new KeyValuePair<UInt128, ActiveDecision>(IpNumber.From(scope.Network.BaseAddress), decision)) && map.IsEmpty)
                {
                    maps[length] = null;
                    RefreshLengths(isV4);
                }

                break;
        }

        _byScope.TryRemove(new KeyValuePair<string, ActiveDecision>(scope.Text, decision));
        if (!_byId.TryRemove(new KeyValuePair<string, ActiveDecision>(decision.Id, decision)))
        {
            return false;
        }

        _count--;
        if (scope.Kind is DecisionScopeKind.Country or DecisionScopeKind.Asn)
        {
            _geoCount--;
        }

        return true;
    }

    private (ConcurrentDictionary<UInt128, ActiveDecision>?[] Maps, int Length, bool IsV4) Maps(IPNetwork network)
    {
        var isV4 = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        return (isV4 ? _v4 : _v6, network.PrefixLength, isV4);
    }

    private void RefreshLengths(bool isV4)
    {
        var maps = isV4 ? _v4 : _v6;
        var lengths = new List<int>();
        for (var l = maps.Length - 1; l >= 0; l--)
        {
            if (maps[l] is not null)
            {
                lengths.Add(l);
            }
        }

        if (isV4)
        {
            _v4Lengths = [.. lengths];
        }
        else
        {
            _v6Lengths = [.. lengths];
        }
    }
}
