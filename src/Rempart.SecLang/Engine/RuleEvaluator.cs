using System.Globalization;
using Rempart.SecLang.Variables;

namespace Rempart.SecLang.Engine;

/// <summary>
/// Runs the rules of one phase against a transaction.
/// </summary>
/// <remarks>
/// Step 1: walk the phase's rules in order, honouring skip / skipAfter, removed rules and allow.
/// Step 2: for each link of a rule, collect the targets (exclusions and ctl removals applied), then for
/// each value apply the transformations (cached per transaction) and the operator; multiMatch tries
/// the value after every transformation that changed it.
/// Step 3: on each match set MATCHED_VAR(S) and run the link's non-disruptive actions.
/// Step 4: when the last link matched, record the matched rule (msg and logdata expanded) and apply
/// the flow and the disruptive action (only with the engine On).
/// </remarks>
internal static class RuleEvaluator
{
    public static void RunPhase(Transaction tx, int phase)
    {
        var rules = tx.RuleSet.Phase(phase);
        string? skipAfter = null;
        var skip = 0;

        // Step 1
        for (var i = 0; i < rules.Length; i++)
        {
            if (tx.RuleEngine == RuleEngineMode.Off || tx.Interruption is not null || tx.AllowedPhases(phase))
            {
                return;
            }

            var rule = rules[i];
            if (skipAfter is not null)
            {
                if (rule.IsMarker && rule.MarkerName == skipAfter)
                {
                    skipAfter = null;
                }

                continue;
            }

            if (rule.IsMarker)
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            if (tx.IsRuleRemoved(rule))
            {
                continue;
            }

            tx.CurrentRule = rule;
            var matches = new List<MatchData>();
            if (!EvaluateLink(tx, rule, rule, matches))
            {
                continue;
            }

            // Step 4
            var disruptive = tx.RuleEngine == RuleEngineMode.On && rule.EffectiveDisruptive is DisruptiveKind.Deny or DisruptiveKind.Drop or DisruptiveKind.Redirect;
            tx.AddMatchedRule(new MatchedRule(rule, phase, disruptive, matches));
            if (rule.SkipAfter is not null)
            {
                skipAfter = rule.SkipAfter;
            }
            else if (rule.Skip > 0)
            {
                skip = rule.Skip;
            }

            if (tx.RuleEngine != RuleEngineMode.On)
            {
                continue;
            }

            switch (rule.EffectiveDisruptive)
            {
                case DisruptiveKind.Deny:
                    tx.Interrupt(new Interruption(InterruptionAction.Deny, rule.Status != 0 ? rule.Status : 403, rule.Id));
                    return;
                case DisruptiveKind.Drop:
                    tx.Interrupt(new Interruption(InterruptionAction.Drop, rule.Status != 0 ? rule.Status : 403, rule.Id));
                    return;
                case DisruptiveKind.Redirect:
                    tx.Interrupt(new Interruption(InterruptionAction.Redirect, rule.Status is 301 or 302 or 303 or 307 ? rule.Status : 302, rule.Id, rule.RedirectUrl?.Expand(tx)));
                    return;
                case DisruptiveKind.Allow:
                    tx.Allow(rule.AllowScope, phase);
                    if (rule.AllowScope == AllowScope.Phase)
                    {
                        return;
                    }

                    break;
            }
        }
    }

    /// <summary>Evaluates <paramref name="link"/> and, when it matches, the rest of its chain.</summary>
    private static bool EvaluateLink(Transaction tx, Rule starter, Rule link, List<MatchData> matches)
    {
        var isLast = link.Chained is null;
        if (!link.HasTargets)
        {
            // SecAction, or a link without targets: matches once.
            tx.MatchedVars.Clear();
            RunActions(tx, link);
            if (isLast)
            {
                matches.Add(Expand(tx, starter));
                return true;
            }

            return EvaluateLink(tx, starter, link.Chained!, matches);
        }

        // Step 2
        var targets = tx.RentTargetList();
        try
        {
            CollectTargets(tx, starter, link, targets);
            tx.MatchedVars.Clear();
            var matched = false;
            var op = link.Operator!;
            tx.CaptureEnabled = link.Capture;
            foreach (var target in targets)
            {
                if (link.MultiMatch)
                {
                    var value = target.Value;
                    if (Test(tx, link, op, value))
                    {
                        OnMatch(tx, starter, link, target, value, isLast, matches);
                        matched = true;
                    }

                    foreach (var transformation in link.Transformations)
                    {
                        var next = transformation.Transform(value);
                        if (ReferenceEquals(next, value) || next == value)
                        {
                            continue;
                        }

                        value = next;
                        if (Test(tx, link, op, value))
                        {
                            OnMatch(tx, starter, link, target, value, isLast, matches);
                            matched = true;
                        }
                    }
                }
                else
                {
                    var value = tx.Transform(link, target.Value);
                    if (Test(tx, link, op, value))
                    {
                        OnMatch(tx, starter, link, target, value, isLast, matches);
                        matched = true;
                    }
                }
            }

            tx.CaptureEnabled = false;
            if (!matched)
            {
                return false;
            }
        }
        finally
        {
            tx.ReturnTargetList(targets);
        }

        return isLast || EvaluateLink(tx, starter, link.Chained!, matches);
    }

    private static bool Test(Transaction tx, Rule link, Operators.IOperator op, string value)
    {
        if (tx.InspectionAbandoned)
        {
            return false;
        }

        try
        {
            return op.Evaluate(tx, value) != link.OperatorNegated;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            tx.RegexTimeouts++;
            tx.Tx["MSC_PCRE_LIMITS_EXCEEDED"] = "1";
            return false;
        }
    }

    // Step 3
    private static void OnMatch(Transaction tx, Rule starter, Rule link, MatchTarget target, string value, bool isLast, List<MatchData> matches)
    {
        var name = target.FullName;
        tx.MatchedVar = value;
        tx.MatchedVarName = name;
        tx.MatchedVars.Add(new MatchTarget(target.Variable, target.Key, value));
        RunActions(tx, link);
        if (isLast)
        {
            matches.Add(Expand(tx, starter));
        }
    }

    private static void RunActions(Transaction tx, Rule link)
    {
        foreach (var action in link.MatchActions)
        {
            action.Execute(link, tx);
        }
    }

    private static MatchData Expand(Transaction tx, Rule starter) =>
        new(tx.MatchedVarName, tx.MatchedVar, starter.Message?.Expand(tx) ?? "", starter.LogData?.Expand(tx) ?? "");

    private static void CollectTargets(Transaction tx, Rule starter, Rule link, List<MatchTarget> output)
    {
        foreach (var spec in link.Variables)
        {
            if (spec.IsExclusion)
            {
                continue;
            }

            var start = output.Count;
            spec.Variable.Collect(tx, spec, output);
            if (tx.HasRemovedTargets)
            {
                for (var i = output.Count - 1; i >= start; i--)
                {
                    if (tx.IsTargetRemoved(starter, output[i].Variable, output[i].Key))
                    {
                        output.RemoveAt(i);
                    }
                }
            }

            if (spec.IsCount)
            {
                var count = output.Count - start;
                output.RemoveRange(start, count);
                output.Add(new MatchTarget(spec.Variable.Name, spec.Key, count.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }
}
