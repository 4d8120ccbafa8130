using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>pass</c> — continue with the next rule after a match.</summary>
internal sealed class PassAction() : LoadTimeAction(ActionKind.Disruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "pass");
        Forbid(argument, "pass");
        rule.Disruptive = DisruptiveKind.Pass;
    }
}
