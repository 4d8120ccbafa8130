using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>allow</c>, <c>allow:phase</c>, <c>allow:request</c> — stop evaluating rules for the transaction, the phase, or the request phases.</summary>
internal sealed class AllowAction() : LoadTimeAction(ActionKind.Disruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "allow");
        rule.Disruptive = DisruptiveKind.Allow;
        rule.AllowScope = argument?.ToLowerInvariant() switch
        {
            null or "" => AllowScope.All,
            "phase" => AllowScope.Phase,
            "request" => AllowScope.Request,
            _ => throw new SecLangException($"invalid allow scope '{argument}' (expected phase or request)"),
        };
    }
}
