using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>auditlog</c> — the transaction goes to the audit log when this rule matches.</summary>
internal sealed class AuditLogAction() : LoadTimeAction(ActionKind.NonDisruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        rule.AuditLog = true;
    }
}
