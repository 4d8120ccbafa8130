using System.Collections.Frozen;
using Rempart.SecLang.Parsing;
using Rempart.SecLang.Transformations;
using static Rempart.SecLang.Directives.SettingParsers;

namespace Rempart.SecLang.Directives;

/// <summary>
/// The one table of directives, by name (case-insensitive, as Apache reads them). Rule directives and
/// <c>Include</c> have their own file; directives that only write a setting are declared here. An unknown
/// directive is an error; a duplicate name fails when the table is built.
/// </summary>
public static class DirectiveRegistry
{
    private static readonly FrozenDictionary<string, IDirective> s_table = TransformationRegistry.Build<IDirective>(
    [
        ("SecRule", new SecRuleDirective()),
        ("SecAction", new SecActionDirective()),
        ("SecMarker", new SecMarkerDirective()),
        ("SecDefaultAction", new SecDefaultActionDirective()),
        ("SecRuleRemoveById", new SecRuleRemoveDirective(SecRuleRemoveDirective.By.Id)),
        ("SecRuleRemoveByTag", new SecRuleRemoveDirective(SecRuleRemoveDirective.By.Tag)),
        ("SecRuleRemoveByMsg", new SecRuleRemoveDirective(SecRuleRemoveDirective.By.Message)),
        ("SecRuleUpdateTargetById", new SecRuleUpdateTargetDirective(SecRuleRemoveDirective.By.Id)),
        ("SecRuleUpdateTargetByTag", new SecRuleUpdateTargetDirective(SecRuleRemoveDirective.By.Tag)),
        ("SecRuleUpdateTargetByMsg", new SecRuleUpdateTargetDirective(SecRuleRemoveDirective.By.Message)),
        ("SecRuleUpdateActionById", new SecRuleUpdateActionDirective()),
        ("Include", new IncludeDirective()),
        ("SecRuleEngine", Setting(1, (s, a) => s.RuleEngine = SettingParsers.Engine(a[0]))),
        ("SecRequestBodyAccess", Setting(1, (s, a) => s.RequestBodyAccess = OnOff(a[0]))),
        ("SecResponseBodyAccess", Setting(1, (s, a) => s.ResponseBodyAccess = OnOff(a[0]))),
        ("SecRequestBodyLimit", Setting(1, (s, a) => s.RequestBodyLimit = Size(a[0]))),
        ("SecRequestBodyNoFilesLimit", Setting(1, (s, a) => s.RequestBodyNoFilesLimit = Size(a[0]))),
        ("SecRequestBodyInMemoryLimit", Setting(1, (s, a) => s.RequestBodyInMemoryLimit = Size(a[0]))),
        ("SecRequestBodyLimitAction", Setting(1, (s, a) => s.RequestBodyLimitAction = LimitAction(a[0]))),
        ("SecRequestBodyJsonDepthLimit", Setting(1, (s, a) => s.RequestBodyJsonDepthLimit = Int(a[0]))),
        ("SecArgumentsLimit", Setting(1, (s, a) => s.ArgumentsLimit = Int(a[0]))),
        ("SecResponseBodyLimit", Setting(1, (s, a) => s.ResponseBodyLimit = Size(a[0]))),
        ("SecResponseBodyLimitAction", Setting(1, (s, a) => s.ResponseBodyLimitAction = LimitAction(a[0]))),
        ("SecResponseBodyMimeType", new SettingDirective(1, int.MaxValue, (s, a) =>
        {
            foreach (var type in a.SelectMany(x => x.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                s.ResponseBodyMimeTypes.Add(type);
            }
        })),
        ("SecResponseBodyMimeTypesClear", new SettingDirective(0, 0, (s, _) => s.ResponseBodyMimeTypes.Clear())),
        ("SecArgumentSeparator", Setting(1, (s, a) => s.ArgumentSeparator = a[0].Length == 1 ? a[0][0] : throw new SecLangException("the separator must be one character"))),
        ("SecCookieFormat", Setting(1, (s, a) => s.CookieFormat = Int(a[0]) is 0 or 1 ? Int(a[0]) : throw new SecLangException("expected 0 or 1"))),
        ("SecComponentSignature", Setting(1, (s, a) => s.ComponentSignatures.Add(a[0]))),
        ("SecCollectionTimeout", Setting(1, (s, a) => s.CollectionTimeout = Int(a[0]))),
        ("SecWebAppId", Setting(1, (s, a) => s.WebAppId = a[0])),
        ("SecUnicodeMapFile", new SettingDirective(1, 2, (s, a) =>
        {
            s.UnicodeMapFile = a[0];
            s.UnicodeCodePage = a.Count > 1 ? Int(a[1]) : 0;
        })),
        ("SecPcreMatchLimit", Setting(1, (s, a) => s.PcreMatchLimit = Int(a[0]))),
        ("SecPcreMatchLimitRecursion", Setting(1, (s, a) => s.Recorded["SecPcreMatchLimitRecursion"] = a[0])),
        ("SecAuditEngine", Setting(1, (s, a) => s.AuditEngine = OneOf(a[0], "On", "Off", "RelevantOnly"))),
        ("SecAuditLog", Setting(1, (s, a) => s.AuditLog = a[0])),
        ("SecAuditLogParts", Setting(1, (s, a) => s.AuditLogParts = a[0])),
        ("SecAuditLogFormat", Setting(1, (s, a) => s.AuditLogFormat = OneOf(a[0], "Native", "JSON"))),
        ("SecAuditLogRelevantStatus", Setting(1, (s, a) => s.AuditLogRelevantStatus = a[0])),
        ("SecAuditLogType", Setting(1, (s, a) => s.Recorded["SecAuditLogType"] = OneOf(a[0], "Serial", "Concurrent", "HTTPS"))),
        ("SecAuditLogStorageDir", Recorded("SecAuditLogStorageDir")),
        ("SecAuditLogDirMode", Recorded("SecAuditLogDirMode")),
        ("SecAuditLogFileMode", Recorded("SecAuditLogFileMode")),
        ("SecTmpDir", Recorded("SecTmpDir")),
        ("SecDataDir", Recorded("SecDataDir")),
        ("SecUploadDir", Recorded("SecUploadDir")),
        ("SecUploadKeepFiles", Recorded("SecUploadKeepFiles")),
        ("SecUploadFileMode", Recorded("SecUploadFileMode")),
        ("SecUploadFileLimit", Recorded("SecUploadFileLimit")),
        ("SecTmpSaveUploadedFiles", Recorded("SecTmpSaveUploadedFiles")),
        ("SecDebugLog", Recorded("SecDebugLog")),
        ("SecDebugLogLevel", Recorded("SecDebugLogLevel")),
        ("SecStatusEngine", Recorded("SecStatusEngine")),
        ("SecServerSignature", Recorded("SecServerSignature")),
        ("SecXmlExternalEntity", Setting(1, (s, a) => s.Recorded["SecXmlExternalEntity"] = OnOff(a[0]) ? throw new SecLangException("external XML entities are never resolved") : "Off")),
        ("SecHttpBlKey", Recorded("SecHttpBlKey")),
        ("SecGeoLookupDb", Recorded("SecGeoLookupDb")),
        ("SecRemoteRules", new RefusedDirective("SecRemoteRules downloads rules at start-up; fetch them with your deployment tooling instead")),
        ("SecRemoteRulesFailAction", new RefusedDirective("SecRemoteRules is not supported")),
        ("SecHashEngine", new RefusedDirective("SecHashEngine is not supported")),
        ("SecGuardianLog", new RefusedDirective("SecGuardianLog is not supported")),
        ("SecStreamInBodyInspection", new RefusedDirective("SecStreamInBodyInspection is not supported")),
        ("SecStreamOutBodyInspection", new RefusedDirective("SecStreamOutBodyInspection is not supported")),
        ("SecContentInjection", new RefusedDirective("SecContentInjection is not supported")),
    ]);

    /// <summary>Every registered name.</summary>
    public static IEnumerable<string> Names => s_table.Keys;

    /// <summary>The directive called <paramref name="name"/>, or null.</summary>
    public static IDirective? Find(string name) => s_table.GetValueOrDefault(name);

    private static SettingDirective Setting(int count, Action<Engine.SecLangSettings, IReadOnlyList<string>> apply) => new(count, count, apply);

    private static SettingDirective Recorded(string name) => new(1, 1, (s, a) => s.Recorded[name] = a[0]);
}
