namespace Rempart.Gateway.Waf.Statements;

/// <summary>A compiled rule statement. Evaluation is synchronous and bounded: the body, if needed, was read before.</summary>
public interface IWafStatement
{
    bool NeedsBody { get; }

    bool Matches(WafEvaluationContext context);
}
