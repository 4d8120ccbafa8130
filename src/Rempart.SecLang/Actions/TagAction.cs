using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>tag:'attack-sqli'</c> — a label used by exclusions (<c>ruleRemoveByTag</c>) and logs; repeatable.</summary>
internal sealed class TagAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) => rule.Tags.Add(Require(argument, "tag"));
}
