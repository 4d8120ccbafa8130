using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Rempart.Gateway.Configuration.Notifications;

namespace Rempart.Gateway.Notifications;

/// <summary>
/// Sends a notification as a plain-text email with MailKit: one SMTP session per message
/// (alerts are rare; a held-open session would only go stale). STARTTLS is required when asked
/// for, never silently skipped. Rejections (5xx) and failed authentication are not retried.
/// </summary>
internal sealed class EmailSender(EmailChannelConfig config, string? password) : INotificationSender
{
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var message = Build(notification);
        using var client = new SmtpClient { Timeout = (int)Math.Min(config.Timeout.TotalMilliseconds, int.MaxValue) };
        if (config.InsecureSkipVerify)
        {
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            client.CheckCertificateRevocation = false;
        }

        var security = config.Security switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        try
        {
            await client.ConnectAsync(config.Host, config.Port, security, cancellationToken).ConfigureAwait(false);
            if (config.Username is not null)
            {
                await client.AuthenticateAsync(config.Username, password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            throw new NotificationDeliveryException($"SMTP authentication failed for user {config.Username}: {e.Message.TrimEnd('.')}", permanent: true, e);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new NotificationDeliveryException($"the SMTP server refused the message: {(int)e.StatusCode} {e.Message.TrimEnd('.')}", permanent: true, e);
        }
        catch (SslHandshakeException e)
        {
            throw new NotificationDeliveryException($"TLS with the SMTP server failed: {e.Message.Split('\n')[0].TrimEnd('.')}", permanent: false, e);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or SmtpCommandException or SmtpProtocolException or NotSupportedException or ServiceNotConnectedException or TimeoutException
                                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new NotificationDeliveryException($"SMTP delivery failed: {e.Message.TrimEnd('.')}", permanent: false, e);
        }
    }

    private MimeMessage Build(Notification n)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(config.From));
        foreach (var to in config.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = $"{config.SubjectPrefix} {n.Title}".Trim();
        message.Date = n.Time ?? DateTimeOffset.UtcNow;
        message.Headers.Add("X-Rempart-Event", n.Kind);
        message.Headers.Add("X-Rempart-Delivery", n.Id);
        var body = new StringBuilder();
        body.Append(n.Title).Append("\n\n");
        if (n.Text is not null)
        {
            body.Append(n.Text).Append("\n\n");
        }

        foreach (var (name, value) in n.Fields)
        {
            body.Append(name).Append(": ").Append(value).Append('\n');
        }

        body.Append("\nkind: ").Append(n.Kind).Append("\nseverity: ").Append(WebhookPayload.Severity(n.Severity))
            .Append("\ntime: ").Append((n.Time ?? message.Date).ToString("u", System.Globalization.CultureInfo.InvariantCulture))
            .Append("\nid: ").Append(n.Id).Append("\n\n-- \nRempart\n");
        message.Body = new TextPart("plain") { Text = body.ToString() };
        return message;
    }

    public void Dispose()
    {
    }
}
