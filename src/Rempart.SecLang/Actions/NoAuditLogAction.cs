using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>noauditlog</c> — this rule alone does not send the transaction to the audit log.</summary>
internal sealed class NoAuditLogAction() : LoadTimeAction(ActionKind.NonDisruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        rule.AuditLog = false;
    }
}
