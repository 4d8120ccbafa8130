using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>accuracy:1..9</c> — how accurate the rule is.</summary>
internal sealed class AccuracyAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) =>
        rule.Accuracy = int.TryParse(Require(argument, "accuracy"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new SecLangException($"invalid accuracy '{argument}'");
}
