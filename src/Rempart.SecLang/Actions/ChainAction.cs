using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>chain</c> — the next SecRule is a link of this one; the rule matches only when every link matches.</summary>
internal sealed class ChainAction() : LoadTimeAction(ActionKind.Flow)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        Forbid(argument, "chain");
        rule.HasChainAction = true;
    }
}
