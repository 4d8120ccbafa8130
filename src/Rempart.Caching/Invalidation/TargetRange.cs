namespace Rempart.Caching.Invalidation;

/// <summary>
/// A range of request targets (path and kept query, as the primary key holds them) that an
/// invalidation removes: every target starting with <see cref="Prefix"/>, or only the target equal to
/// it when <see cref="Exact"/>. Ranges are what the stores' path index answers without a scan.
/// </summary>
public readonly record struct TargetRange(string Prefix, bool Exact)
{
    /// <summary>True when <paramref name="target"/> lies in the range.</summary>
    public bool Contains(ReadOnlySpan<char> target) =>
        Exact ? target.SequenceEqual(Prefix) : target.StartsWith(Prefix, StringComparison.Ordinal);
}
