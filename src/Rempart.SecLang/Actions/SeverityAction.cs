using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>severity:'CRITICAL'</c> or <c>severity:2</c> — EMERGENCY 0, ALERT 1, CRITICAL 2, ERROR 3, WARNING 4, NOTICE 5, INFO 6, DEBUG 7.</summary>
internal sealed class SeverityAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) =>
        rule.Severity = Require(argument, "severity").ToUpperInvariant() switch
        {
            "0" or "EMERGENCY" => 0,
            "1" or "ALERT" => 1,
            "2" or "CRITICAL" => 2,
            "3" or "ERROR" => 3,
            "4" or "WARNING" => 4,
            "5" or "NOTICE" => 5,
            "6" or "INFO" => 6,
            "7" or "DEBUG" => 7,
            _ => throw new SecLangException($"invalid severity '{argument}'"),
        };
}
