using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>status:403</c> — the HTTP status for <c>deny</c> / <c>redirect</c>.</summary>
internal sealed class StatusAction() : LoadTimeAction(ActionKind.Data)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) =>
        rule.Status = int.TryParse(Require(argument, "status"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 100 and <= 599
            ? s
            : throw new SecLangException($"invalid status '{argument}'");
}
