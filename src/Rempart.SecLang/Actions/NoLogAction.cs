using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>nolog</c> — a match is not logged (implies <c>noauditlog</c> unless <c>auditlog</c> follows).</summary>
internal sealed class NoLogAction() : LoadTimeAction(ActionKind.NonDisruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        rule.Log = false;
        rule.AuditLog ??= false;
    }
}
