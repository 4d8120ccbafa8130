using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>maturity:1..9</c> — how mature the rule is.</summary>
internal sealed class MaturityAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) =>
        rule.Maturity = int.TryParse(Require(argument, "maturity"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new SecLangException($"invalid maturity '{argument}'");
}
