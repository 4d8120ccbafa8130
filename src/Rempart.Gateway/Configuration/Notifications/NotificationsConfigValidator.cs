using MimeKit;

namespace Rempart.Gateway.Configuration.Notifications;

/// <summary>Checks <c>notifications:</c>: one transport per channel, URLs, addresses, secrets that can be read, ranges.</summary>
public static class NotificationsConfigValidator
{
    public static void Validate(GatewayConfig config, SourceMap map, string baseDirectory, List<ConfigError> errors)
    {
        var n = config.Notifications;
        if (n.QueueCapacity < 1)
        {
            errors.Add(map.Error("notifications.queue_capacity", $"{n.QueueCapacity} is too small", "use 1 or more, e.g. 1000"));
        }

        if (n.Retry.Attempts < 1)
        {
            errors.Add(map.Error("notifications.retry.attempts", $"{n.Retry.Attempts} is too small", "use 1 or more (1: no retry)"));
        }

        Positive(map, errors, "notifications.retry.initial_backoff", n.Retry.InitialBackoff, "1s");
        if (n.Retry.MaxBackoff < n.Retry.InitialBackoff)
        {
            errors.Add(map.Error("notifications.retry.max_backoff", "max_backoff is shorter than initial_backoff", "make it at least as long, e.g. 1m"));
        }

        foreach (var (name, channel) in n.Channels)
        {
            var path = $"notifications.channels.{name}";
            if ((channel.Webhook is null) == (channel.Email is null))
            {
                errors.Add(map.Error(path, "a channel has exactly one of webhook and email", "write webhook: { url: … } or email: { host: …, from: …, to: [ … ] }"));
                continue;
            }

            if (channel.Webhook is { } webhook)
            {
                ValidateWebhook(map, errors, $"{path}.webhook", webhook, baseDirectory);
            }

            if (channel.Email is { } email)
            {
                ValidateEmail(map, errors, $"{path}.email", email, baseDirectory);
            }
        }
    }

    private static void ValidateWebhook(SourceMap map, List<ConfigError> errors, string path, WebhookChannelConfig w, string baseDirectory)
    {
        if (!Uri.TryCreate(w.Url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https") || uri.Host.Length == 0)
        {
            // The URL itself is not repeated: webhook URLs often embed a secret token.
            errors.Add(map.Error($"{path}.url", "the URL is not an http:// or https:// URL", "write https://hooks.example.com/…"));
        }

        Secret(map, errors, path, "secret", w.SecretEnv, w.SecretFile, baseDirectory);
        Positive(map, errors, $"{path}.timeout", w.Timeout, "10s");
    }

    private static void ValidateEmail(SourceMap map, List<ConfigError> errors, string path, EmailChannelConfig e, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(e.Host))
        {
            errors.Add(map.Error($"{path}.host", "the SMTP host is empty", "write smtp.example.com"));
        }

        if (e.Port is < 1 or > 65535)
        {
            errors.Add(map.Error($"{path}.port", $"{e.Port} is not a port", "use 587 (starttls), 465 (tls) or 25"));
        }

        if (!MailboxAddress.TryParse(e.From, out _))
        {
            errors.Add(map.Error($"{path}.from", $"'{e.From}' is not an email address", "write rempart@example.com or \"Rempart <rempart@example.com>\""));
        }

        if (e.To.Count == 0)
        {
            errors.Add(map.Error($"{path}.to", "no recipient is listed", "add at least one address"));
        }

        for (var i = 0; i < e.To.Count; i++)
        {
            if (!MailboxAddress.TryParse(e.To[i], out _))
            {
                errors.Add(map.Error($"{path}.to[{i}]", $"'{e.To[i]}' is not an email address", "write ops@example.com"));
            }
        }

        var hasPassword = e.PasswordEnv is not null || e.PasswordFile is not null;
        if (e.Username is not null && !hasPassword)
        {
            errors.Add(map.Error($"{path}.username", "a user name without a password", "add password_env or password_file"));
        }
        else if (e.Username is null && hasPassword)
        {
            errors.Add(map.Error(path, "a password without a user name", "add username, or remove the password"));
        }

        Secret(map, errors, path, "password", e.PasswordEnv, e.PasswordFile, baseDirectory);
        Positive(map, errors, $"{path}.timeout", e.Timeout, "30s");
    }

    private static void Secret(SourceMap map, List<ConfigError> errors, string path, string what, string? env, string? file, string baseDirectory)
    {
        if (env is not null && file is not null)
        {
            errors.Add(map.Error($"{path}.{what}_file", $"both {what}_env and {what}_file are set", "keep one of them"));
            return;
        }

        SecretReader.Read(env, file, baseDirectory, out var problem);
        if (problem is not null)
        {
            errors.Add(map.Error(env is not null ? $"{path}.{what}_env" : $"{path}.{what}_file", $"the {what} cannot be read: {problem}",
                env is not null ? $"export {env} before starting Rempart, or use {what}_file" : "check the path and its permissions (keep the file mode 0600)"));
        }
    }

    private static void Positive(SourceMap map, List<ConfigError> errors, string path, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(map.Error(path, "the duration must be greater than zero", $"write e.g. {example}"));
        }
    }
}
