using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>label_match: a label added by an earlier rule, or any label in a namespace (key followed by ':').</summary>
public sealed class LabelMatchStatement(LabelMatchScope scope, string key) : IWafStatement
{
    private readonly string _prefix = key.EndsWith(':') ? key : key + ":";

    public bool NeedsBody => false;

    public bool Matches(WafEvaluationContext context)
    {
        if (scope == LabelMatchScope.Label)
        {
            return Found(context, context.HasLabel(key) ? key : null);
        }

        foreach (var label in context.LabelOrder)
        {
            if (label.StartsWith(_prefix, StringComparison.Ordinal))
            {
                return Found(context, label);
            }
        }

        return false;
    }

    private static bool Found(WafEvaluationContext context, string? label)
    {
        if (label is null)
        {
            return false;
        }

        context.LastMatch = new MatchDetail("label_match", "labels", label, "none", null);
        return true;
    }
}
