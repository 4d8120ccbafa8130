using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>Single-valued fields: uri_path, query_string, method, single_header, single_query_argument, header_order, JA3/JA4.</summary>
public sealed class SimpleFieldSelector(string name, Func<WafEvaluationContext, string?> read) : IFieldSelector
{
    public string Name { get; } = name;

    public bool NeedsBody => false;

    public OversizeHandling Oversize => OversizeHandling.Continue;

    public bool IsOversize(WafEvaluationContext context) => false;

    public IEnumerable<FieldValue> Values(WafEvaluationContext context) =>
        read(context) is { } value ? [new FieldValue(Name, null, value)] : [];
}
