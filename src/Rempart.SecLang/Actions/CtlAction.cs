using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;
using Rempart.SecLang.Variables;

namespace Rempart.SecLang.Actions;

/// <summary>
/// <c>ctl:option=value</c> — changes the configuration for this transaction only: <c>ruleEngine</c>,
/// <c>requestBodyAccess</c>, <c>requestBodyProcessor</c>, <c>forceRequestBodyVariable</c>, <c>responseBodyAccess</c>,
/// <c>requestBodyLimit</c>, <c>auditEngine</c>, <c>auditLogParts</c>, <c>ruleRemoveById</c> (ids and ranges),
/// <c>ruleRemoveByTag</c>, <c>ruleRemoveByMsg</c>, <c>ruleRemoveTargetById/ByTag/ByMsg=X;TARGET</c>, <c>debugLogLevel</c>.
/// Example: <c>ctl:ruleRemoveTargetById=942100;ARGS:password</c>.
/// </summary>
internal sealed class CtlAction : IRuleAction
{
    private Action<Transaction> _apply = _ => { };

    public ActionKind Kind => ActionKind.NonDisruptive;

    public void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        var text = argument ?? throw new SecLangException("action 'ctl' needs an argument");
        var eq = text.IndexOf('=');
        if (eq <= 0)
        {
            throw new SecLangException($"ctl needs option=value, got '{text}'");
        }

        var option = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        _apply = option.ToLowerInvariant() switch
        {
            "ruleengine" => ParseEngine(value) is var mode ? tx => tx.RuleEngine = mode : null!,
            "requestbodyaccess" => ParseOnOff(value, option) is var on ? tx => tx.RequestBodyAccess = on : null!,
            "responsebodyaccess" => ParseOnOff(value, option) is var on2 ? tx => tx.ResponseBodyAccess = on2 : null!,
            "forcerequestbodyvariable" => ParseOnOff(value, option) is var on3 ? tx => tx.ForceRequestBodyVariable = on3 : null!,
            "requestbodyprocessor" => value.ToUpperInvariant() is "URLENCODED" or "MULTIPART" or "XML" or "JSON" ? tx => tx.RequestBodyProcessor = value.ToUpperInvariant() : throw new SecLangException($"unknown request body processor '{value}'"),
            "requestbodylimit" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? tx => tx.RequestBodyLimit = limit : throw new SecLangException($"invalid limit '{value}'"),
            "auditengine" => value is "On" or "Off" or "RelevantOnly" ? tx => tx.AuditEngine = value : throw new SecLangException($"invalid audit engine '{value}'"),
            "auditlogparts" or "debugloglevel" or "hashengine" or "hashenforcement" or "parsexmlintoargs" => _ => { },
            "ruleremovebyid" => RemoveById(value),
            "ruleremovebytag" => tx => tx.RemoveRuleTag(value),
            "ruleremovebymsg" => tx => tx.RemoveRuleMessage(value),
            "ruleremovetargetbyid" => RemoveTargetById(value),
            "ruleremovetargetbytag" => SplitTarget(value, out var tag) is var t1 ? tx => tx.RemoveTargetByTag(tag, t1) : null!,
            "ruleremovetargetbymsg" => SplitTarget(value, out var msg) is var t2 ? tx => tx.RemoveTargetByMessage(msg, t2) : null!,
            _ => throw new SecLangException($"unknown ctl option '{option}'"),
        };
    }

    public void Execute(Rule rule, Transaction transaction) => _apply(transaction);

    private static RuleEngineMode ParseEngine(string value) => value.ToLowerInvariant() switch
    {
        "on" => RuleEngineMode.On,
        "off" => RuleEngineMode.Off,
        "detectiononly" => RuleEngineMode.DetectionOnly,
        _ => throw new SecLangException($"invalid rule engine mode '{value}'"),
    };

    private static bool ParseOnOff(string value, string option) => value.ToLowerInvariant() switch
    {
        "on" => true,
        "off" => false,
        _ => throw new SecLangException($"ctl:{option} expects On or Off, got '{value}'"),
    };

    private static Action<Transaction> RemoveById(string value)
    {
        var ranges = RuleIdRanges.Parse(value);
        return tx =>
        {
            foreach (var (from, to) in ranges)
            {
                tx.RemoveRuleIds(from, to);
            }
        };
    }

    private static Action<Transaction> RemoveTargetById(string value)
    {
        var target = SplitTarget(value, out var ids);
        var ranges = RuleIdRanges.Parse(ids);
        return tx =>
        {
            foreach (var (from, to) in ranges)
            {
                tx.RemoveTargetById(from, to, target);
            }
        };
    }

    private static VariableSpec SplitTarget(string value, out string selector)
    {
        var semicolon = value.IndexOf(';');
        if (semicolon <= 0)
        {
            throw new SecLangException($"expected RULE;TARGET, got '{value}'");
        }

        selector = value[..semicolon];
        var specs = VariableListParser.Parse(value[(semicolon + 1)..]);
        if (specs.Count != 1)
        {
            throw new SecLangException($"expected exactly one target in '{value}'");
        }

        return specs[0];
    }
}
