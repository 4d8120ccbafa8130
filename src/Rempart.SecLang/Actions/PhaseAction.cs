using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>phase:1..5</c> (or <c>request</c> = 2, <c>response</c> = 4, <c>logging</c> = 5) — when the rule runs.</summary>
internal sealed class PhaseAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "phase");
        rule.Phase = Require(argument, "phase").Trim('\'').ToLowerInvariant() switch
        {
            "1" => 1,
            "2" or "request" => 2,
            "3" => 3,
            "4" or "response" => 4,
            "5" or "logging" => 5,
            _ => throw new SecLangException($"invalid phase '{argument}'"),
        };
        rule.PhaseSet = true;
    }
}
