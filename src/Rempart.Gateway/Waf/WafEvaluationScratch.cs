using System.Runtime.CompilerServices;

namespace Rempart.Gateway.Waf;

/// <summary>
/// The per-request caches of an evaluation (transformed values, prefilter answers, field gates,
/// field values), kept per thread between requests. Evaluation is synchronous, so a context takes
/// its thread's scratch, and the stage hands it back when the verdict is known: the dictionaries
/// keep their capacity and a request allocates none of them (they were about half of the default
/// ACL's allocations per request). A context that is never released simply lets its scratch go.
/// </summary>
public sealed class WafEvaluationScratch
{
    [ThreadStatic]
    private static WafEvaluationScratch? _spare;

    // A scratch that grew beyond this (a body with thousands of values) is dropped, not kept.
    private const int MaxKeptEntries = 4_096;

    public Dictionary<(string, int), string> Transformed { get; } = new(ValueKeyComparer.Instance);

    public Dictionary<(string, int), bool> Prefiltered { get; } = new(ValueKeyComparer.Instance);

    public Dictionary<long, bool> FieldGates { get; } = [];

    public Dictionary<int, FieldValue[]> FieldValues { get; } = [];

    public static WafEvaluationScratch Rent()
    {
        var scratch = _spare;
        _spare = null;
        return scratch ?? new WafEvaluationScratch();
    }

    public void Return()
    {
        if (Transformed.Count + Prefiltered.Count > MaxKeptEntries)
        {
            return;
        }

        Transformed.Clear();
        Prefiltered.Clear();
        FieldGates.Clear();
        FieldValues.Clear();
        _spare = this;
    }

    /// <summary>
    /// Short values are compared by content (hashing a header value costs less than giving a string an
    /// identity hash, which is slow for the literal and pooled strings servers hand out, and equal
    /// values then share their results); long ones (bodies) by reference, so they are never hashed.
    /// </summary>
    private sealed class ValueKeyComparer : IEqualityComparer<(string, int)>
    {
        public static readonly ValueKeyComparer Instance = new();
        private const int HashedLength = 256;

        public bool Equals((string, int) x, (string, int) y) =>
            x.Item2 == y.Item2
            && (ReferenceEquals(x.Item1, y.Item1) || (x.Item1.Length < HashedLength && string.Equals(x.Item1, y.Item1, StringComparison.Ordinal)));

        public int GetHashCode((string, int) obj) => HashCode.Combine(
            obj.Item1.Length < HashedLength ? string.GetHashCode(obj.Item1, StringComparison.Ordinal) : RuntimeHelpers.GetHashCode(obj.Item1),
            obj.Item2);
    }
}
