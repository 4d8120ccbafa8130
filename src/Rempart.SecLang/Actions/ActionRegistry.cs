using System.Collections.Frozen;
using Rempart.SecLang.Transformations;

namespace Rempart.SecLang.Actions;

/// <summary>The one table of actions, by SecLang name (case-insensitive). A duplicate name fails when the table is built.</summary>
public static class ActionRegistry
{
    private static readonly FrozenDictionary<string, Func<IRuleAction>> s_table = TransformationRegistry.Build<Func<IRuleAction>>(
    [
        ("id", () => new IdAction()),
        ("phase", () => new PhaseAction()),
        ("msg", () => new MsgAction()),
        ("logdata", () => new LogDataAction()),
        ("tag", () => new TagAction()),
        ("severity", () => new SeverityAction()),
        ("ver", () => new VerAction()),
        ("rev", () => new RevAction()),
        ("maturity", () => new MaturityAction()),
        ("accuracy", () => new AccuracyAction()),
        ("pass", () => new PassAction()),
        ("block", () => new BlockAction()),
        ("deny", () => new DenyAction()),
        ("drop", () => new DropAction()),
        ("allow", () => new AllowAction()),
        ("redirect", () => new RedirectAction()),
        ("status", () => new StatusAction()),
        ("chain", () => new ChainAction()),
        ("skip", () => new SkipAction()),
        ("skipAfter", () => new SkipAfterAction()),
        ("capture", () => new CaptureAction()),
        ("multiMatch", () => new MultiMatchAction()),
        ("t", () => new TransformationAction()),
        ("log", () => new LogAction()),
        ("nolog", () => new NoLogAction()),
        ("auditlog", () => new AuditLogAction()),
        ("noauditlog", () => new NoAuditLogAction()),
        ("setvar", () => new SetVarAction()),
        ("setenv", () => new SetEnvAction()),
        ("expirevar", () => new ExpireVarAction()),
        ("initcol", () => new InitColAction(null)),
        ("setsid", () => new InitColAction("SESSION")),
        ("setuid", () => new InitColAction("USER")),
        ("setrsc", () => new InitColAction("RESOURCE")),
        ("ctl", () => new CtlAction()),
        ("xmlns", () => new RecordedAction()),
        ("sanitiseArg", () => new RecordedAction()),
        ("sanitiseMatched", () => new RecordedAction()),
        ("sanitiseMatchedBytes", () => new RecordedAction()),
        ("sanitiseRequestHeader", () => new RecordedAction()),
        ("sanitiseResponseHeader", () => new RecordedAction()),
        ("deprecatevar", () => new RecordedAction()),
        ("exec", () => new RefusedAction("action 'exec' runs external programs; Rempart never executes programs from rules")),
        ("proxy", () => new RefusedAction("action 'proxy' is not supported: routing belongs to the gateway configuration")),
        ("append", () => new RefusedAction("action 'append' (response body editing) is not supported")),
        ("prepend", () => new RefusedAction("action 'prepend' (response body editing) is not supported")),
        ("pause", () => new RefusedAction("action 'pause' is not supported: slowing answers belongs to the gateway's shield")),
    ]);

    /// <summary>Every registered name.</summary>
    public static IEnumerable<string> Names => s_table.Keys;

    /// <summary>A new instance of action <paramref name="name"/>, or null when unknown.</summary>
    public static IRuleAction? Create(string name) => s_table.TryGetValue(name, out var factory) ? factory() : null;
}
