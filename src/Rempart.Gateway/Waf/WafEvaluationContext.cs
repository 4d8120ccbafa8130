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
    private readonly HashSet<string> _labels = new(StringComparer.Ordinal);
    private WafEvaluationScratch? _scratch = WafEvaluationScratch.Rent();
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

    /// <summary>Where SecLang groups keep IP/SESSION/USER/GLOBAL collections (null: the rule set's own in-memory store).</summary>
    public Rempart.SecLang.Engine.IPersistentCollectionStore? SecLangCollections { get; init; }

    /// <summary>The gateway's clock for SecLang transactions (TIME*, collection expiry); null: the system clock.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The most recent match detail, filled by matching statements for the explanation.</summary>
    public MatchDetail? LastMatch { get; set; }

    private WafEvaluationScratch Scratch => _scratch ?? throw new InvalidOperationException("The evaluation was released.");

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

    public bool TryGetTransformed(string value, int chainId, out string result) => Scratch.Transformed.TryGetValue((value, chainId), out result!);

    public void StoreTransformed(string value, int chainId, string result) => Scratch.Transformed[(value, chainId)] = result;

    public bool TryGetPrefilter(string value, int prefilterId, out bool mayMatch) => Scratch.Prefiltered.TryGetValue((value, prefilterId), out mayMatch);

    public void StorePrefilter(string value, int prefilterId, bool mayMatch) => Scratch.Prefiltered[(value, prefilterId)] = mayMatch;

    /// <summary>Per (field, transformation chain): true when no value can pass the chain's regex prefilter.</summary>
    public bool TryGetFieldGate(long key, out bool cannotMatch) => Scratch.FieldGates.TryGetValue(key, out cannotMatch);

    public void StoreFieldGate(long key, bool cannotMatch) => Scratch.FieldGates[key] = cannotMatch;

    /// <summary>The values of a shared field, read once per request.</summary>
    public FieldValue[] FieldValues(SharedFieldSelector shared)
    {
        var cache = Scratch.FieldValues;
        if (!cache.TryGetValue(shared.Id, out var values))
        {
            cache[shared.Id] = values = [.. shared.Inner.Values(this)];
        }

        return values;
    }

    /// <summary>Hands the caches back for the thread's next request; the context cannot evaluate afterwards.</summary>
    public void Release()
    {
        _scratch?.Return();
        _scratch = null;
    }
}

/// <summary>Where and what a statement matched: the field, the value after transformations, the transformations.</summary>
public sealed record MatchDetail(string Statement, string Field, string Value, string Transforms, string? Detail);
