using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>multiMatch</c> — run the operator on the raw value and after every transformation that changed it.</summary>
internal sealed class MultiMatchAction() : LoadTimeAction(ActionKind.Data)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) => rule.MultiMatch = true;
}
