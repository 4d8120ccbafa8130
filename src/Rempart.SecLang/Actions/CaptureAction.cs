using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>capture</c> — the operator stores what it matched in TX:0 (and regex groups in TX:1–TX:9).</summary>
internal sealed class CaptureAction() : LoadTimeAction(ActionKind.Data)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) => rule.Capture = true;
}
