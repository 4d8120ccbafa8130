using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>The body as text, up to the web ACL's body_limit.</summary>
public sealed class BodyFieldSelector(OversizeHandling oversize) : IFieldSelector
{
    public string Name => "body";

    public bool NeedsBody => true;

    public OversizeHandling Oversize => oversize;

    public bool IsOversize(WafEvaluationContext context) => context.Request.BodyOversize;

    public IEnumerable<FieldValue> Values(WafEvaluationContext context)
    {
        if (!context.Request.Body.IsEmpty)
        {
            yield return new FieldValue(Name, null, context.Parts.BodyText);
        }
    }
}
