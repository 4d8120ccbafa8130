namespace Rempart.SecLang.Engine;

/// <summary>
/// The engine settings the configuration directives write (<c>SecRuleEngine</c>, body access and limits,
/// argument separator, audit log, …). Filled while loading, then only read; per-transaction changes
/// (<c>ctl:</c>) live in the transaction.
/// </summary>
public sealed class SecLangSettings
{
    /// <summary><c>SecRuleEngine</c> (default DetectionOnly: a fresh install never blocks by surprise).</summary>
    public RuleEngineMode RuleEngine { get; set; } = RuleEngineMode.DetectionOnly;

    /// <summary><c>SecRequestBodyAccess</c>.</summary>
    public bool RequestBodyAccess { get; set; }

    /// <summary><c>SecResponseBodyAccess</c>.</summary>
    public bool ResponseBodyAccess { get; set; }

    /// <summary><c>SecRequestBodyLimit</c> in bytes (ModSecurity's default, 128 MiB).</summary>
    public long RequestBodyLimit { get; set; } = 134_217_728;

    /// <summary><c>SecRequestBodyNoFilesLimit</c>: the limit for bodies without files (default 1 MiB).</summary>
    public long RequestBodyNoFilesLimit { get; set; } = 1_048_576;

    /// <summary><c>SecRequestBodyInMemoryLimit</c>: beyond it the host may spill to disk.</summary>
    public long RequestBodyInMemoryLimit { get; set; } = 131_072;

    /// <summary><c>SecRequestBodyLimitAction</c>.</summary>
    public BodyLimitAction RequestBodyLimitAction { get; set; } = BodyLimitAction.Reject;

    /// <summary><c>SecRequestBodyJsonDepthLimit</c>.</summary>
    public int RequestBodyJsonDepthLimit { get; set; } = 10_000;

    /// <summary><c>SecArgumentsLimit</c>: arguments beyond it are not parsed and REQBODY_ERROR is set.</summary>
    public int ArgumentsLimit { get; set; } = 1000;

    /// <summary><c>SecResponseBodyLimit</c> in bytes (default 512 KiB).</summary>
    public long ResponseBodyLimit { get; set; } = 524_288;

    /// <summary><c>SecResponseBodyLimitAction</c>.</summary>
    public BodyLimitAction ResponseBodyLimitAction { get; set; } = BodyLimitAction.Reject;

    /// <summary><c>SecResponseBodyMimeType</c>: the response types whose bodies are inspected.</summary>
    public HashSet<string> ResponseBodyMimeTypes { get; } = new(StringComparer.OrdinalIgnoreCase) { "text/plain", "text/html" };

    /// <summary><c>SecArgumentSeparator</c>.</summary>
    public char ArgumentSeparator { get; set; } = '&';

    /// <summary><c>SecCookieFormat</c> (0 or 1).</summary>
    public int CookieFormat { get; set; }

    /// <summary><c>SecComponentSignature</c> values.</summary>
    public List<string> ComponentSignatures { get; } = [];

    /// <summary><c>SecCollectionTimeout</c> in seconds.</summary>
    public int CollectionTimeout { get; set; } = 3600;

    /// <summary><c>SecWebAppId</c>.</summary>
    public string WebAppId { get; set; } = "default";

    /// <summary><c>SecUnicodeMapFile</c> path (the built-in mapping is used; the file is recorded only).</summary>
    public string? UnicodeMapFile { get; set; }

    /// <summary><c>SecUnicodeMapFile</c> code page.</summary>
    public int UnicodeCodePage { get; set; }

    /// <summary><c>SecPcreMatchLimit</c> (recorded; the regex timeout bounds matching).</summary>
    public int PcreMatchLimit { get; set; } = 1000;

    /// <summary><c>SecAuditEngine</c>: Off, On or RelevantOnly.</summary>
    public string AuditEngine { get; set; } = "Off";

    /// <summary><c>SecAuditLog</c>.</summary>
    public string? AuditLog { get; set; }

    /// <summary><c>SecAuditLogParts</c>.</summary>
    public string AuditLogParts { get; set; } = "ABCFHZ";

    /// <summary><c>SecAuditLogFormat</c>: Native or JSON.</summary>
    public string AuditLogFormat { get; set; } = "Native";

    /// <summary><c>SecAuditLogRelevantStatus</c>.</summary>
    public string? AuditLogRelevantStatus { get; set; }

    /// <summary>Other recorded directives that have no effect in this engine (<c>SecTmpDir</c>, <c>SecDebugLog</c>, …).</summary>
    public Dictionary<string, string> Recorded { get; } = new(StringComparer.OrdinalIgnoreCase);
}
