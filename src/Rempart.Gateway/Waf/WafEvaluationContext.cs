using System.Runtime.CompilerServices;
using Rempart.Gateway.Waf.Fields;

namespace Rempart.Gateway.Waf;

/// <summary>
/// The state of one evaluation: the request and its lazily parsed parts (query arguments,
/// cookies, form fields, JSON values — each parsed at most once), the labels added so far, the
/// transformation cache (a chain shared by several rules runs once per value), the work budget,
/// and what matched, for explanations and sampling.
/// </summary>
public sealed class WafEvaluationContext(WafRequest request, long budgetBytes)
{
    private readonly Dictionary<(string, int), string> _transformed = new(TransformKeyComparer.Instance);
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);
    private long _budget = budgetBytes;

    public WafRequest Request { get; } = request;

    public RequestParts Parts { get; } = new(request);

    public IReadOnlyCollection<string> Labels => _labels;

    public List<string> LabelOrder { get; } = [];

    /// <summary>Set when the work budget ran out; the rest of the inspection is handled as oversize.</summary>
    public bool BudgetExhausted => _budget <= 0;

    /// <summary>The SecLang groups that ran on this request, for the response phases and logging.</summary>
    public List<SecLang.SecLangRun>? SecLangRuns { get; private set; }

    public void AddSecLangRun(SecLang.SecLangRun run) => (SecLangRuns ??= []).Add(run);

    /// <summary>The most recent match detail, filled by matching statements for the explanation.</summary>
    public MatchDetail? LastMatch { get; set; }

    public void AddLabel(string label)
    {
        if (_labels.Add(label))
        {
            LabelOrder.Add(label);
        }
    }

    public bool HasLabel(string label) => _labels.Contains(label);

    /// <summary>Charges inspection work; false once the budget is gone.</summary>
    public bool Spend(int bytes)
    {
        _budget -= bytes;
        return _budget > 0;
    }

    public bool TryGetTransformed(string value, int chainId, out string result) => _transformed.TryGetValue((value, chainId), out result!);

    public void StoreTransformed(string value, int chainId, string result) => _transformed[(value, chainId)] = result;

    private readonly Dictionary<(string, int), bool> _prefiltered = new(PrefilterKeyComparer.Instance);

    public bool TryGetPrefilter(string value, int prefilterId, out bool mayMatch) => _prefiltered.TryGetValue((value, prefilterId), out mayMatch);

    public void StorePrefilter(string value, int prefilterId, bool mayMatch) => _prefiltered[(value, prefilterId)] = mayMatch;

    private sealed class PrefilterKeyComparer : IEqualityComparer<(string, int)>
    {
        public static readonly PrefilterKeyComparer Instance = new();

        public bool Equals((string, int) x, (string, int) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;

        public int GetHashCode((string, int) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), obj.Item2);
    }

    /// <summary>Values are compared by reference: the same extracted string object is the same value, and large bodies are never hashed.</summary>
    private sealed class TransformKeyComparer : IEqualityComparer<(string, int)>
    {
        public static readonly TransformKeyComparer Instance = new();

        public bool Equals((string, int) x, (string, int) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;

        public int GetHashCode((string, int) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), obj.Item2);
    }
}

/// <summary>Where and what a statement matched: the field, the value after transformations, the transformations.</summary>
public sealed record MatchDetail(string Statement, string Field, string Value, string Transforms, string? Detail);
