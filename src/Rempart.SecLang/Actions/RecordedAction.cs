using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>xmlns</c>, <c>sanitise*</c>, <c>deprecatevar</c> — accepted and recorded on the rule (the audit log will use sanitise*; the rest have no effect here).</summary>
internal sealed class RecordedAction() : LoadTimeAction(ActionKind.NonDisruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        _ = argument;
    }
}
