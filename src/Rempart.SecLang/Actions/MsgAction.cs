using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>msg:'text'</c> — the message logged on a match; macros expand at match time.</summary>
internal sealed class MsgAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) => rule.Message = Macro.Parse(argument ?? "");
}
