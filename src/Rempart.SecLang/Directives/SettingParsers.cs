using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary>Argument readers shared by the setting directives.</summary>
internal static class SettingParsers
{
    public static bool OnOff(string value) => value.ToLowerInvariant() switch
    {
        "on" => true,
        "off" => false,
        _ => throw new SecLangException($"expected On or Off, got '{value}'"),
    };

    public static long Size(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new SecLangException($"expected a size in bytes, got '{value}'");

    public static int Int(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new SecLangException($"expected a number, got '{value}'");

    public static RuleEngineMode Engine(string value) => value.ToLowerInvariant() switch
    {
        "on" => RuleEngineMode.On,
        "off" => RuleEngineMode.Off,
        "detectiononly" => RuleEngineMode.DetectionOnly,
        _ => throw new SecLangException($"expected On, Off or DetectionOnly, got '{value}'"),
    };

    public static BodyLimitAction LimitAction(string value) => value.ToLowerInvariant() switch
    {
        "reject" => BodyLimitAction.Reject,
        "processpartial" => BodyLimitAction.ProcessPartial,
        _ => throw new SecLangException($"expected Reject or ProcessPartial, got '{value}'"),
    };

    public static string OneOf(string value, params string[] allowed) =>
        allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase)) ?? throw new SecLangException($"expected one of {string.Join(", ", allowed)}, got '{value}'");
}
