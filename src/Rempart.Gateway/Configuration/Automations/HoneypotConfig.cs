namespace Rempart.Gateway.Configuration.Automations;

/// <summary>Bad-bot honeypot: paths no honest client fetches, advertised as Disallow in robots.txt.</summary>
public sealed record HoneypotConfig
{
    [ConfigDoc("On by default.")]
    public bool Enabled { get; init; } = true;

    [ConfigDoc("Trap paths; a client fetching one (or below it) is banned. Rempart adds them to robots.txt as Disallow.")]
    public IReadOnlyList<string> Paths { get; init; } = ["/.rempart-trap/"];

    [ConfigDoc("Ban duration: forever (the AWS default), or a duration such as 7d.")]
    public string BanFor { get; init; } = "forever";

    [ConfigDoc("Add the Disallow lines to robots.txt (merged with the origin's, or served alone when the origin has none).")]
    public bool Robots { get; init; } = true;

    [ConfigDoc("Inject a hidden link to the first trap path into HTML responses (before </body>), for crawlers that ignore robots.txt.")]
    public bool InjectLink { get; init; }
}
