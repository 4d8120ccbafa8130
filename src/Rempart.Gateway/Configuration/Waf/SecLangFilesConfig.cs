namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// A ModSecurity configuration as it stands (SecRuleEngine, SecRequestBodyAccess, rules, Include …): the files
/// load in order, unchanged. The files' own SecRuleEngine decides blocking; DetectionOnly records matches as count.
/// </summary>
public sealed record SecLangFilesConfig : SecLangGroupConfig
{
    [ConfigDoc("SecLang files or globs (e.g. /etc/modsecurity/*.conf), loaded in order; relative paths start at the config file's folder.")]
    [RequiredKey]
    public IReadOnlyList<string> Files { get; init; } = [];
}
