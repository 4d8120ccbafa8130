using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>rev:'2'</c> — the rule revision.</summary>
internal sealed class RevAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) => rule.Revision = Require(argument, "rev");
}
