using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>log</c> — a match is written to the error log (and the audit log).</summary>
internal sealed class LogAction() : LoadTimeAction(ActionKind.NonDisruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        rule.Log = true;
    }
}
