using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>skip:N</c> — on a match, skip the next N rules of the phase (a chain counts as one).</summary>
internal sealed class SkipAction() : LoadTimeAction(ActionKind.Flow)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "skip");
        rule.Skip = int.TryParse(Require(argument, "skip"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new SecLangException($"invalid skip count '{argument}'");
    }
}
