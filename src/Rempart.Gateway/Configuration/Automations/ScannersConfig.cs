namespace Rempart.Gateway.Configuration.Automations;

/// <summary>Scanners and probes (AWS WAF Security Automations' log parser, in-process and per minute).</summary>
public sealed record ScannersConfig
{
    [ConfigDoc("On by default.")]
    public bool Enabled { get; init; } = true;

    [ConfigDoc("Error responses per client per minute above which the client is banned.")]
    public int ErrorsPerMinute { get; init; } = 50;

    [ConfigDoc("Response statuses counted as errors.")]
    public IReadOnlyList<int> Statuses { get; init; } = [400, 401, 403, 404, 405];

    [ConfigDoc("Ban duration: a duration such as 240m, or forever.")]
    public string BanFor { get; init; } = "240m";

    [ConfigDoc("Decision taken: ban, challenge or throttle.")]
    public string Action { get; init; } = "ban";

    [ConfigDoc("Paths ending with one of these are not counted (a page's missing image is not a probe).")]
    public IReadOnlyList<string> IgnoredSuffixes { get; init; } = [".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".woff", ".woff2", ".map"];

    [ConfigDoc("Lower (or higher) thresholds for path prefixes, such as a login page.")]
    public IReadOnlyList<PathThresholdConfig> Paths { get; init; } = [];
}
