namespace Rempart.Gateway.Configuration.Notifications;

public sealed record WebhookChannelConfig
{
    [ConfigDoc("URL the notification is POSTed to (http or https). Never logged: webhook URLs often carry a secret.")]
    [RequiredKey]
    public string Url { get; init; } = "";

    [ConfigDoc("Payload: json (Rempart's fields) or slack (Slack-compatible text and blocks).")]
    public WebhookFormat Format { get; init; } = WebhookFormat.Json;

    [ConfigDoc("Environment variable holding the HMAC-SHA256 signing secret (X-Rempart-Signature).")]
    public string? SecretEnv { get; init; }

    [ConfigDoc("File holding the signing secret (relative to the config file); used when secret_env is not set.")]
    public string? SecretFile { get; init; }

    [ConfigDoc("Time allowed for one delivery attempt.")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    [ConfigDoc("Extra request headers, e.g. an authorization header the receiver expects.")]
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
