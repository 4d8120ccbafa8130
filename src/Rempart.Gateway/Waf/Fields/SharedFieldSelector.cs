using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>
/// A field selector shared by every rule of a config that reads the same field (same description),
/// with an id under which the evaluation context keeps the field's values for the request: a
/// field is read once per request however many rules inspect it, and the rules walk a cached array
/// instead of each running its own iterator.
/// </summary>
public sealed class SharedFieldSelector(IFieldSelector inner, int id) : IFieldSelector
{
    public int Id { get; } = id;

    public IFieldSelector Inner { get; } = inner;

    public string Name => Inner.Name;

    public bool NeedsBody => Inner.NeedsBody;

    public OversizeHandling Oversize => Inner.Oversize;

    public bool IsOversize(WafEvaluationContext context) => Inner.IsOversize(context);

    public IEnumerable<FieldValue> Values(WafEvaluationContext context) => context.FieldValues(this);
}
