using Rempart.Detection;
using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Fields;
using Rempart.Gateway.Waf.Transforms;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>sqli_match: Rempart's SQL injection detector (src/Rempart.Detection) on each value.</summary>
public sealed class SqliMatchStatement(Sensitivity sensitivity, IFieldSelector selector, TransformChain transforms)
    : FieldStatement("sqli_match", selector, transforms)
{
    private readonly SqlSensitivity _sensitivity = sensitivity == Sensitivity.High ? SqlSensitivity.High : SqlSensitivity.Low;

    protected override bool Test(string value, WafEvaluationContext context, out string? detail)
    {
        var result = SqlInjectionDetector.Detect(value, _sensitivity);
        detail = result.IsInjection ? $"SQL injection, fingerprint {result.Fingerprint}" : null;
        return result.IsInjection;
    }
}
