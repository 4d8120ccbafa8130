namespace Rempart.Gateway.Configuration.Notifications;

public sealed record EmailChannelConfig
{
    [ConfigDoc("SMTP server host name or address.")]
    [RequiredKey]
    public string Host { get; init; } = "";

    [ConfigDoc("SMTP server port: 587 for starttls, 465 for tls, 25 for a local relay.")]
    public int Port { get; init; } = 587;

    [ConfigDoc("Transport security: starttls (required upgrade), tls (implicit TLS) or none.")]
    public SmtpSecurity Security { get; init; } = SmtpSecurity.Starttls;

    [ConfigDoc("User name for SMTP authentication; none: no authentication.")]
    public string? Username { get; init; }

    [ConfigDoc("Environment variable holding the SMTP password.")]
    public string? PasswordEnv { get; init; }

    [ConfigDoc("File holding the SMTP password (relative to the config file); used when password_env is not set.")]
    public string? PasswordFile { get; init; }

    [ConfigDoc("Sender address.")]
    [RequiredKey]
    public string From { get; init; } = "";

    [ConfigDoc("Recipient addresses.")]
    [RequiredKey]
    public IReadOnlyList<string> To { get; init; } = [];

    [ConfigDoc("Text put before each subject.")]
    public string SubjectPrefix { get; init; } = "[Rempart]";

    [ConfigDoc("Time allowed for one delivery attempt (connect, authenticate, send).")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    [ConfigDoc("Accept any certificate from the SMTP server (self-signed relays). Off by default.")]
    public bool InsecureSkipVerify { get; init; }
}
