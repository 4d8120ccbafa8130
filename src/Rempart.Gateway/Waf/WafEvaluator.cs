namespace Rempart.Gateway.Waf;

/// <summary>
/// Runs a web ACL on a request, as AWS WAF does: entries by priority; a match adds the rule's
/// labels and applies its action — count goes on, allow and block stop, challenge stops unless the
/// client holds a valid challenge token (then it goes on, like count). Inside a rule group, each
/// rule's own action applies, unless the group is set to count only. A SecLang group (CRS) runs phases 1–2
/// as one entry: its logged matches count, its interruption blocks.
/// </summary>
public static class WafEvaluator
{
    /// <param name="trace">When given, every evaluated rule is added to it, matched or not (for `rempart waf test`).</param>
    public static WafVerdict Evaluate(WebAclModel acl, WafEvaluationContext context, bool hasValidChallengeToken, List<RuleTrace>? trace = null)
    {
        var matches = new List<RuleMatch>();
        foreach (var entry in acl.Entries)
        {
            if (entry.Rule is { } rule)
            {
                if (Run(rule, entry.CountOnly, context, hasValidChallengeToken, matches, trace) is { } verdict)
                {
                    return verdict;
                }

                continue;
            }

            if (entry.SecLang is { } secLang)
            {
                var run = secLang.EvaluateRequest(context, entry.CountOnly);
                context.AddSecLangRun(run);
                if (run.Report(context.AddLabel, matches, trace) is { } block)
                {
                    return new WafVerdict(block, run.BlockingRule, context.LabelOrder, matches);
                }

                continue;
            }

            foreach (var inner in entry.GroupRules!)
            {
                if (Run(inner, entry.CountOnly, context, hasValidChallengeToken, matches, trace) is { } verdict)
                {
                    return verdict;
                }
            }
        }

        return new WafVerdict(acl.DefaultAction, null, context.LabelOrder, matches);
    }

    private static WafVerdict? Run(WafRule rule, bool countOnly, WafEvaluationContext context, bool hasValidChallengeToken, List<RuleMatch> matches, List<RuleTrace>? trace)
    {
        context.LastMatch = null;
        if (!rule.Statement.Matches(context))
        {
            trace?.Add(new RuleTrace(rule.Id, false, null, null));
            return null;
        }

        trace?.Add(new RuleTrace(rule.Id, true, countOnly ? "count" : rule.Action.Name, context.LastMatch));

        foreach (var label in rule.Labels)
        {
            context.AddLabel(label);
        }

        var action = countOnly ? WafAction.Count : rule.Action;
        if (action.Kind == WafActionKind.Challenge && hasValidChallengeToken)
        {
            matches.Add(new RuleMatch(rule.Id, "challenge_passed", context.LastMatch));
            return null;
        }

        matches.Add(new RuleMatch(rule.Id, action.Name, context.LastMatch));
        return action.Kind == WafActionKind.Count ? null : new WafVerdict(action, rule.Id, context.LabelOrder, matches);
    }
}
