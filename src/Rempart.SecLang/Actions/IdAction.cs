using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>id:N</c> — the rule's unique id (a positive integer; chain starters only). Example: <c>id:942100</c>.</summary>
internal sealed class IdAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        StarterOnly(rule, "id");
        if (!int.TryParse(Require(argument, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw new SecLangException($"invalid rule id '{argument}'");
        }

        rule.Id = id;
    }
}
