using System.Collections.Frozen;
using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Shield.Mitigation;

/// <summary>
/// One applied signature component of an open attack: what it matches (a frozen set of sources or
/// prefixes, or one user agent / JA4 / header order / country / ASN) and what it does. Immutable
/// except the per-source counters of the rate-limit action, which are bounded and reset every
/// second by the detector's tick.
/// </summary>
public sealed class ActiveMitigation
{
    private readonly FrozenSet<UInt128>? _addresses;
    private readonly string? _text;
    private readonly long _number;
    private readonly Func<UInt128, (string? Country, long? Asn)>? _geo;
    private readonly Dictionary<UInt128, int> _perSource = [];
    private readonly Lock _gate = new();
    private readonly int _maxTracked;

    public ActiveMitigation(SignatureKind kind, MitigationAction action, DateTimeOffset appliedAt, DateTimeOffset enforceAt, int rateLimit,
        IEnumerable<UInt128>? addresses = null, string? text = null, long number = 0, Func<UInt128, (string? Country, long? Asn)>? geo = null, int maxTracked = 10_000)
    {
        Kind = kind;
        Action = action;
        AppliedAt = appliedAt;
        EnforceAt = enforceAt;
        RateLimit = rateLimit;
        _addresses = addresses?.ToFrozenSet();
        _text = text;
        _number = number;
        _geo = geo;
        _maxTracked = maxTracked;
    }

    public SignatureKind Kind { get; }

    public MitigationAction Action { get; }

    public DateTimeOffset AppliedAt { get; }

    /// <summary>Before this time the mitigation only counts (shield.mitigation.count_for).</summary>
    public DateTimeOffset EnforceAt { get; }

    public int RateLimit { get; }

    public int ValueCount => _addresses?.Count ?? 1;

    /// <summary>The sources or prefixes of an address signature; empty for the other kinds.</summary>
    public IReadOnlyCollection<UInt128> Addresses => (IReadOnlyCollection<UInt128>?)_addresses ?? [];

    public IEnumerable<string> Values(int max) => Kind switch
    {
        SignatureKind.SourceIps => _addresses!.Take(max).Select(AddressKey.Format),
        SignatureKind.Prefixes => _addresses!.Take(max).Select(AddressKey.FormatPrefix),
        SignatureKind.HeaderOrder => [$"#{_number:x8}"],
        SignatureKind.Asn => [$"AS{_number}"],
        _ => [_text ?? ""],
    };

    public bool SameAs(ActiveMitigation other) =>
        Kind == other.Kind && _text == other._text && _number == other._number
        && (_addresses is null ? other._addresses is null : other._addresses is not null && _addresses.SetEquals(other._addresses));

    public bool Matches(in RequestKey key) => Kind switch
    {
        SignatureKind.SourceIps => _addresses!.Contains(key.Source),
        SignatureKind.Prefixes => _addresses!.Contains(AddressKey.Prefix(key.Source)),
        SignatureKind.UserAgent => string.Equals(key.UserAgent ?? "", _text, StringComparison.Ordinal),
        SignatureKind.Ja4 => key.Ja4 is not null && string.Equals(key.Ja4, _text, StringComparison.Ordinal),
        SignatureKind.HeaderOrder => key.HeaderOrderHash == (int)_number,
        SignatureKind.Country => _geo is not null && _geo(key.Source).Country == _text,
        SignatureKind.Asn => _geo is not null && _geo(key.Source).Asn == _number,
        _ => false,
    };

    /// <summary>Would this signature have hit the baseline client with this profile?</summary>
    public bool Matches(UInt128 source, ClientProfile profile) => Kind switch
    {
        SignatureKind.SourceIps => _addresses!.Contains(source),
        SignatureKind.Prefixes => _addresses!.Contains(AddressKey.Prefix(source)),
        SignatureKind.UserAgent => string.Equals(profile.UserAgent ?? "", _text, StringComparison.Ordinal),
        SignatureKind.Ja4 => profile.Ja4 is not null && string.Equals(profile.Ja4, _text, StringComparison.Ordinal),
        SignatureKind.HeaderOrder => profile.HeaderOrderHash == (int)_number,
        SignatureKind.Country => profile.Country == _text,
        SignatureKind.Asn => profile.Asn == _number,
        _ => false,
    };

    /// <summary>The verdict for a request this mitigation matches.</summary>
    public MitigationVerdict Apply(UInt128 source, DateTimeOffset now)
    {
        if (now < EnforceAt || Action == MitigationAction.Count)
        {
            return MitigationVerdict.Count;
        }

        switch (Action)
        {
            case MitigationAction.Block:
                return MitigationVerdict.Block;
            case MitigationAction.Challenge:
                return MitigationVerdict.Challenge;
        }

        lock (_gate)
        {
            if (_perSource.TryGetValue(source, out var n))
            {
                _perSource[source] = n + 1;
                return n + 1 > RateLimit ? MitigationVerdict.RateLimited : MitigationVerdict.None;
            }

            // A matching source beyond the table's cap is already part of the attack signature: fail closed.
            if (_perSource.Count >= _maxTracked)
            {
                return MitigationVerdict.RateLimited;
            }

            _perSource[source] = 1;
            return RateLimit >= 1 ? MitigationVerdict.None : MitigationVerdict.RateLimited;
        }
    }

    /// <summary>Starts a new one-second rate-limit window.</summary>
    public void NextSecond()
    {
        if (Action != MitigationAction.RateLimit)
        {
            return;
        }

        lock (_gate)
        {
            _perSource.Clear();
        }
    }
}
