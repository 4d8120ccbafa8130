using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Shield.Mitigation;

/// <summary>
/// Builds an attack signature from the last seconds of a route's traffic and tests every component
/// against the baseline's clients before it may be applied, as Shield Advanced does: a component
/// that would have hit more than <see cref="MitigationSettings.MaxBaselineShare"/> of them is
/// rejected (and reported), never applied.
/// <list type="number">
/// <item>Sources sending more than the source floor and more than <c>source_factor</c> times their own busiest normal second.</item>
/// <item>For distributed floods: busy /24 and /48 prefixes, and a user agent, JA4, header order, country or ASN that carries most of the traffic.</item>
/// </list>
/// </summary>
public static class SignatureBuilder
{
    public static List<SignatureCandidate> Build(
        TrafficComposition recent,
        double rateScale,
        KnownClients known,
        AttackVector vectors,
        MitigationSettings settings,
        IReadOnlyDictionary<SignatureKind, ActiveMitigation> current,
        DateTimeOffset now,
        int maxSources,
        Func<UInt128, (string? Country, long? Asn)>? geo)
    {
        var candidates = new List<ActiveMitigation>();
        DateTimeOffset EnforceAt(SignatureKind kind) => current.TryGetValue(kind, out var m) ? m.EnforceAt : now + settings.CountFor;
        ActiveMitigation Make(SignatureKind kind, IEnumerable<UInt128>? addresses = null, string? text = null, long number = 0) =>
            new(kind, settings.Action, current.TryGetValue(kind, out var m) ? m.AppliedAt : now, EnforceAt(kind), settings.RateLimit, addresses, text, number, geo, maxSources);

        // 1. Sources well above their own normal behaviour; once singled out, a source stays in until the attack ends.
        var sources = new HashSet<UInt128>();
        if (current.TryGetValue(SignatureKind.SourceIps, out var previous))
        {
            sources.UnionWith(previous.Addresses);
        }

        foreach (var (source, weight) in recent.Sources.AtLeast(settings.SourceRateFloor / rateScale))
        {
            if (sources.Count >= maxSources)
            {
                break;
            }

            var rate = weight * rateScale;
            if (known.Get(source) is { } profile && rate <= settings.SourceFactor * Math.Max(profile.PeakPerSecond, 1))
            {
                continue;
            }

            sources.Add(source);
        }

        if (sources.Count > 0)
        {
            candidates.Add(Make(SignatureKind.SourceIps, sources));
        }

        // 2. Distributed: what the many sources have in common.
        if ((vectors & (AttackVector.RequestFloodDistributed | AttackVector.CacheBusting)) != 0)
        {
            var prefixes = recent.Prefixes.AtLeast(3 * settings.SourceRateFloor / rateScale).Select(p => p.Key).ToList();
            if (prefixes.Count > 0)
            {
                candidates.Add(Make(SignatureKind.Prefixes, prefixes));
            }

            if (TryDominant(recent.UserAgents, settings.DominantShare, null, out var ua))
            {
                candidates.Add(Make(SignatureKind.UserAgent, text: ua));
            }

            if (TryDominant(recent.Ja4, settings.DominantShare, recent.Sources.Total, out var ja4))
            {
                candidates.Add(Make(SignatureKind.Ja4, text: ja4));
            }

            if (TryDominant(recent.HeaderOrders, settings.DominantShare, null, out var order))
            {
                candidates.Add(Make(SignatureKind.HeaderOrder, number: order));
            }

            if (geo is not null && TryDominant(recent.Countries, settings.DominantShare, null, out var country))
            {
                candidates.Add(Make(SignatureKind.Country, text: country));
            }

            if (geo is not null && TryDominant(recent.Asns, settings.DominantShare, null, out var asn))
            {
                candidates.Add(Make(SignatureKind.Asn, number: asn));
            }
        }

        return candidates.Select(c => Test(c, known, settings.MaxBaselineShare)).ToList();
    }

    /// <summary>Counts the baseline clients the component would have hit.</summary>
    public static SignatureCandidate Test(ActiveMitigation candidate, KnownClients known, double maxShare)
    {
        var hits = 0;
        foreach (var (source, profile) in known.All)
        {
            if (candidate.Matches(source, profile))
            {
                hits++;
            }
        }

        var share = known.Count == 0 ? 0 : (double)hits / known.Count;
        return new SignatureCandidate(candidate, hits, known.Count, share <= maxShare);
    }

    private static bool TryDominant<TKey>(HeavyHitters<TKey> table, double share, double? total, out TKey key) where TKey : notnull
    {
        key = default!;
        var all = total ?? table.Total;
        var top = table.Top(1);
        if (all <= 0 || top.Count == 0 || top[0].Value / all < share)
        {
            return false;
        }

        key = top[0].Key;
        return true;
    }
}
