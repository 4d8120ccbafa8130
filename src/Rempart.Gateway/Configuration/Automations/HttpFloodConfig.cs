namespace Rempart.Gateway.Configuration.Automations;

/// <summary>HTTP flood: requests per client over a window, with a ban that outlives the window.</summary>
public sealed record HttpFloodConfig
{
    [ConfigDoc("On by default.")]
    public bool Enabled { get; init; } = true;

    [ConfigDoc("Requests per client over the window above which the client is banned.")]
    public int Requests { get; init; } = 2000;

    [ConfigDoc("The counting window (sliding).")]
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    [ConfigDoc("Ban duration: a duration such as 240m, or forever.")]
    public string BanFor { get; init; } = "240m";

    [ConfigDoc("Decision taken: ban, challenge or throttle.")]
    public string Action { get; init; } = "ban";
}
