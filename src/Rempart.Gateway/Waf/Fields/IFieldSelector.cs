using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>A compiled field to match: the values it yields for a request and whether it was cut short.</summary>
public interface IFieldSelector
{
    /// <summary>Name shown in explanations (e.g. <c>all_query_arguments</c>).</summary>
    string Name { get; }

    /// <summary>True when the statement needs the body (so the stage reads it before evaluating).</summary>
    bool NeedsBody { get; }

    OversizeHandling Oversize { get; }

    bool IsOversize(WafEvaluationContext context);

    IEnumerable<FieldValue> Values(WafEvaluationContext context);
}
