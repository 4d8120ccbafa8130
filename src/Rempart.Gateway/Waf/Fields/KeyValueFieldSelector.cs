using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>
/// Multi-valued fields made of named entries — headers, cookies, query arguments, form fields,
/// JSON values — filtered by include/exclude and read as values, keys or both.
/// </summary>
public sealed class KeyValueFieldSelector(
    string name,
    Func<WafEvaluationContext, IReadOnlyList<KeyValuePair<string, string>>> read,
    Func<WafEvaluationContext, bool> oversize,
    MatchScopeConfig scope,
    bool needsBody) : IFieldSelector
{
    private readonly HashSet<string> _include = new(scope.Include, StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _exclude = new(scope.Exclude, StringComparer.OrdinalIgnoreCase);

    public string Name { get; } = name;

    public bool NeedsBody { get; } = needsBody;

    public OversizeHandling Oversize => scope.Oversize;

    public bool IsOversize(WafEvaluationContext context) => oversize(context);

    public IEnumerable<FieldValue> Values(WafEvaluationContext context)
    {
        foreach (var (key, value) in read(context))
        {
            if ((_include.Count > 0 && !_include.Contains(key)) || _exclude.Contains(key))
            {
                continue;
            }

            if (scope.MatchScope is MatchScope.Key or MatchScope.All)
            {
                yield return new FieldValue(Name, key, key, IsKey: true);
            }

            if (scope.MatchScope is MatchScope.Value or MatchScope.All)
            {
                yield return new FieldValue(Name, key, value);
            }
        }
    }
}
