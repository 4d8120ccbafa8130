using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>deny</c> — stop the transaction; the host answers with <c>status</c> (default 403).</summary>
internal sealed class DenyAction() : LoadTimeAction(ActionKind.Disruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "deny");
        Forbid(argument, "deny");
        rule.Disruptive = DisruptiveKind.Deny;
    }
}
