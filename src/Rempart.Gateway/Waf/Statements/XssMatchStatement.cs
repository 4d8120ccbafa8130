using Rempart.Detection;
using Rempart.Gateway.Waf.Fields;
using Rempart.Gateway.Waf.Transforms;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>xss_match: Rempart's XSS detector (src/Rempart.Detection) on each value.</summary>
public sealed class XssMatchStatement(IFieldSelector selector, TransformChain transforms)
    : FieldStatement("xss_match", selector, transforms)
{
    protected override bool Test(string value, WafEvaluationContext context, out string? detail)
    {
        var result = XssDetector.Detect(value);
        detail = result.IsXss ? $"XSS: {result.Reason}" : null;
        return result.IsXss;
    }
}
