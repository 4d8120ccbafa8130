using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>ver:'OWASP_CRS/4.0.0'</c> — the rule set version.</summary>
internal sealed class VerAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) => rule.Version = Require(argument, "ver");
}
