using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Fields;
using Rempart.Gateway.Waf.Transforms;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// Shared shape of statements that test the values of a field: apply the field's oversize rule,
/// transform each value (cached per request), test it, and record what matched. A value that would
/// exceed the request's inspection budget is handled as oversize.
/// </summary>
public abstract class FieldStatement(string kind, IFieldSelector selector, TransformChain transforms) : IWafStatement
{
    public bool NeedsBody => selector.NeedsBody;

    protected string Kind { get; } = kind;

    public bool Matches(WafEvaluationContext context)
    {
        if (selector.Oversize != OversizeHandling.Continue && selector.IsOversize(context))
        {
            return Oversized(context, selector.Oversize, "field larger than what was inspected");
        }

        if (CannotMatch(context))
        {
            return false;
        }

        var produced = selector.Values(context);
        var values = produced as FieldValue[] ?? [.. produced]; // shared selectors hand out the request's cached array
        foreach (var value in values)
        {
            if (context.BudgetExhausted)
            {
                return Oversized(context, selector.Oversize, "inspection budget exhausted");
            }

            var transformed = transforms.Apply(value.Value, context);
            context.Spend(transformed.Length);
            if (Test(transformed, context, out var detail))
            {
                context.LastMatch = new MatchDetail(Kind, value.Name, Truncate(transformed), transforms.Description, detail);
                return true;
            }
        }

        return false;
    }

    /// <summary>A cheap per-request answer, shared between rules, that no value of the field can match.</summary>
    protected virtual bool CannotMatch(WafEvaluationContext context) => false;

    /// <summary>Tests one transformed value; <paramref name="detail"/> says what was found (a fingerprint, a pattern).</summary>
    protected abstract bool Test(string value, WafEvaluationContext context, out string? detail);

    private bool Oversized(WafEvaluationContext context, OversizeHandling handling, string why)
    {
        if (handling == OversizeHandling.Match)
        {
            context.LastMatch = new MatchDetail(Kind, selector.Name, "", transforms.Description, why);
            return true;
        }

        return false;
    }

    private static string Truncate(string value) => value.Length <= 512 ? value : value[..512] + "…";
}
