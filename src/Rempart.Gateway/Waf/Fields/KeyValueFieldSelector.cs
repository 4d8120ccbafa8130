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

    /// <summary>An array, not an iterator: shared selectors keep it for the request (see <see cref="SharedFieldSelector"/>).</summary>
    public IEnumerable<FieldValue> Values(WafEvaluationContext context)
    {
        var entries = read(context);
        var values = new List<FieldValue>(scope.MatchScope == MatchScope.All ? entries.Count * 2 : entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (key, value) = entries[i];
            if ((_include.Count > 0 && !_include.Contains(key)) || _exclude.Contains(key))
            {
                continue;
            }

            if (scope.MatchScope is MatchScope.Key or MatchScope.All)
            {
                values.Add(new FieldValue(Name, key, key, IsKey: true));
            }

            if (scope.MatchScope is MatchScope.Value or MatchScope.All)
            {
                values.Add(new FieldValue(Name, key, value));
            }
        }

        return values.ToArray();
    }
}
