using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>skipAfter:MARKER</c> — on a match, skip the rules of the phase up to and including <c>SecMarker MARKER</c>.</summary>
internal sealed class SkipAfterAction() : LoadTimeAction(ActionKind.Flow)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "skipAfter");
        rule.SkipAfter = Require(argument, "skipAfter");
    }
}
