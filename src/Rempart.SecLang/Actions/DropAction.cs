using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>drop</c> — stop the transaction and close the connection.</summary>
internal sealed class DropAction() : LoadTimeAction(ActionKind.Disruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "drop");
        Forbid(argument, "drop");
        rule.Disruptive = DisruptiveKind.Drop;
    }
}
