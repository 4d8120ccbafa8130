namespace Rempart.Gateway.Waf.Statements;

/// <summary>or: at least one nested statement matches (stopping at the first that does).</summary>
public sealed class OrStatement(IWafStatement[] statements) : IWafStatement
{
    public bool NeedsBody { get; } = statements.Any(s => s.NeedsBody);

    public bool Matches(WafEvaluationContext context)
    {
        foreach (var s in statements)
        {
            if (s.Matches(context))
            {
                return true;
            }
        }

        return false;
    }
}
