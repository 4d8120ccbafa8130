using Rempart.Gateway.Configuration.Waf;
using Rempart.SecLang.Engine;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>
/// A crs: or seclang: statement compiled for one web ACL: the shared rule set and the gateway-side settings
/// (oversize, inspection failures, response inspection). Immutable; one <see cref="SecLangRun"/> per request.
/// </summary>
public sealed class SecLangGroup
{
    public SecLangGroup(string name, string kind, RuleSet rules, SecLangGroupConfig config, string baseDirectory = ".")
    {
        AuditLog = rules.Settings.AuditLog is { Length: > 0 } audit ? SecLangAuditLog.For(Configuration.ConfigPaths.Resolve(baseDirectory, audit.Trim('"'))) : null;
        Name = name;
        Kind = kind;
        Rules = rules;
        Names = new SecLangRuleNames(name, kind, rules);
        Oversize = config.Oversize;
        OnError = config.OnError;
        var on = rules.Settings.RuleEngine != RuleEngineMode.Off;
        NeedsBody = on && rules.Settings.RequestBodyAccess;
        InspectsResponse = on && rules.Rules.Any(r => !r.IsMarker && r.Phase is 3 or 4);
        InspectsResponseBody = InspectsResponse && rules.Settings.ResponseBodyAccess && config.ResponseBodyLimit.Bytes > 0;
        ResponseBodyLimit = (int)Math.Min(config.ResponseBodyLimit.Bytes, 16L * 1024 * 1024);
    }

    /// <summary>The web ACL rule's name: rule ids read <c>crs/942100</c>.</summary>
    public string Name { get; }

    /// <summary>crs or seclang: the label namespace.</summary>
    public string Kind { get; }

    public RuleSet Rules { get; }

    /// <summary>Rule ids and labels as reported, formatted at compile time.</summary>
    public SecLangRuleNames Names { get; }

    public OversizeHandling Oversize { get; }

    public InspectionFailure OnError { get; }

    public bool NeedsBody { get; }

    /// <summary>Some rule runs in phase 3 or 4: the response passes through the inspector.</summary>
    public bool InspectsResponse { get; }

    public bool InspectsResponseBody { get; }

    public int ResponseBodyLimit { get; }

    /// <summary>Where relevant transactions are written (SecAuditLog), or null.</summary>
    public SecLangAuditLog? AuditLog { get; }

    /// <summary>Runs phases 1 and 2 on <paramref name="context"/>'s request.</summary>
    public SecLangRun EvaluateRequest(WafEvaluationContext context, bool countOnly)
    {
        var transaction = Rules.NewTransaction(context.Request.RequestId, context.Clock);
        if (context.SecLangCollections is { } collections)
        {
            transaction.CollectionStore = collections;
        }

        var run = new SecLangRun(this, transaction, countOnly);
        run.RunRequest(context.Request);
        return run;
    }
}
