namespace Rempart.Gateway.Configuration.Automations;

/// <summary>One reputation list: a URL or a file, and its format.</summary>
public sealed record ReputationSourceConfig
{
    [ConfigDoc("Name used in metrics, events and decisions' source.")]
    [RequiredKey]
    public string Name { get; init; } = "";

    [ConfigDoc("http(s) URL of the list.")]
    public string? Url { get; init; }

    [ConfigDoc("Local file of the list (relative to the config file).")]
    public string? File { get; init; }

    [ConfigDoc("spamhaus_drop, tor_exit_addresses, emerging_threats or cidr.")]
    public string Format { get; init; } = "cidr";

    [ConfigDoc("Longest time to wait for a download.")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
