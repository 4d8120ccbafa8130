using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>block</c> — do what the phase's <c>SecDefaultAction</c> says (CRS: pass, and let the anomaly score decide).</summary>
internal sealed class BlockAction() : LoadTimeAction(ActionKind.Disruptive)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "block");
        Forbid(argument, "block");
        rule.Disruptive = DisruptiveKind.Block;
    }
}
