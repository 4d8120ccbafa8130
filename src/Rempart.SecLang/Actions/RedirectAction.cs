using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>redirect:https://example.com/blocked</c> — stop the transaction and redirect (status 302 unless <c>status</c> says 301/303/307).</summary>
internal sealed class RedirectAction() : LoadTimeAction(ActionKind.Disruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "redirect");
        rule.Disruptive = DisruptiveKind.Redirect;
        rule.RedirectUrl = Macro.Parse(Require(argument, "redirect"));
    }
}
