namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// Who sends a route's traffic and what it looks like: bounded heavy-hitter tables of source
/// addresses, their /24 or /48 prefixes, user agents, paths, JA4 fingerprints, header orders,
/// countries and ASNs. One instance with decay holds the last few seconds (what an attack looks
/// like as it starts); another, without decay, the whole of an open attack (its top contributors).
/// Not thread-safe: the owner holds a lock.
/// </summary>
public sealed class TrafficComposition(int sourceCapacity)
{
    private const int SmallCapacity = 512;

    public HeavyHitters<UInt128> Sources { get; } = new(sourceCapacity);

    public HeavyHitters<UInt128> Prefixes { get; } = new(Math.Max(sourceCapacity / 4, 64));

    public HeavyHitters<string> UserAgents { get; } = new(SmallCapacity);

    public HeavyHitters<string> Paths { get; } = new(SmallCapacity);

    public HeavyHitters<string> Ja4 { get; } = new(SmallCapacity);

    public HeavyHitters<int> HeaderOrders { get; } = new(SmallCapacity);

    public HeavyHitters<string> Countries { get; } = new(SmallCapacity);

    public HeavyHitters<long> Asns { get; } = new(SmallCapacity);

    /// <summary>Longer values are cut so that a client cannot make a table hold large strings.</summary>
    public const int MaxValueLength = 256;

    public void Add(in TrafficObservation o)
    {
        Sources.Add(o.Source);
        Prefixes.Add(AddressKey.Prefix(o.Source));
        UserAgents.Add(Cut(o.UserAgent ?? ""));
        Paths.Add(Cut(o.Path));
        if (o.Ja4 is not null)
        {
            Ja4.Add(o.Ja4);
        }

        HeaderOrders.Add(o.HeaderOrderHash);
    }

    public void AddGeo(string? country, long? asn, double weight)
    {
        if (country is not null)
        {
            Countries.Add(country, weight);
        }

        if (asn is { } a)
        {
            Asns.Add(a, weight);
        }
    }

    /// <summary>Adds another composition's counts (an attack starts with what its first seconds looked like).</summary>
    public void AddFrom(TrafficComposition other)
    {
        Copy(other.Sources, Sources);
        Copy(other.Prefixes, Prefixes);
        Copy(other.UserAgents, UserAgents);
        Copy(other.Paths, Paths);
        Copy(other.Ja4, Ja4);
        Copy(other.HeaderOrders, HeaderOrders);
        Copy(other.Countries, Countries);
        Copy(other.Asns, Asns);
        static void Copy<T>(HeavyHitters<T> from, HeavyHitters<T> to) where T : notnull
        {
            foreach (var (key, weight) in from.Top(from.Count))
            {
                to.Add(key, Math.Round(weight));
            }
        }
    }

    public void Decay(double factor)
    {
        Sources.Decay(factor);
        Prefixes.Decay(factor);
        UserAgents.Decay(factor);
        Paths.Decay(factor);
        Ja4.Decay(factor);
        HeaderOrders.Decay(factor);
        Countries.Decay(factor);
        Asns.Decay(factor);
    }

    /// <summary>Entries held in all tables together (for the bounded-memory tests and the gauge).</summary>
    public int Entries => Sources.Count + Prefixes.Count + UserAgents.Count + Paths.Count + Ja4.Count + HeaderOrders.Count + Countries.Count + Asns.Count;

    private static string Cut(string value) => value.Length <= MaxValueLength ? value : value[..MaxValueLength];
}
