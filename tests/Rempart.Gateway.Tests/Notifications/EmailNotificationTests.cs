using Microsoft.Extensions.Logging;
using Rempart.Gateway.Notifications;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Notifications;

/// <summary>Email channels against a real SMTP server (SmtpServer package) with STARTTLS and AUTH.</summary>
public sealed class EmailNotificationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rempart-smtp-").FullName;

    private string Config(int port, string passwordFile, string security = "starttls") => $$"""
        origins:
          app: { targets: ["http://127.0.0.1:9"] }
        routes:
          - match: { paths: ["/"] }
            origin: app
            web_acl: none
        notifications:
          retry: { attempts: 3, initial_backoff: 20ms, max_backoff: 50ms }
          channels:
            mail:
              email:
                host: 127.0.0.1
                port: {{port}}
                security: {{security}}
                insecure_skip_verify: true
                username: alerts
                password_file: {{passwordFile}}
                from: "Rempart <rempart@example.test>"
                to: [ops@example.test, oncall@example.test]
        """;

    private string PasswordFile(string password)
    {
        var path = Path.Combine(_dir, "smtp.password");
        File.WriteAllText(path, password + "\n");
        return path;
    }

    [Fact]
    public async Task Email_IsSentOverStarttls_WithAuth()
    {
        await using var smtp = TestSmtpServer.Start("alerts", "pa55-word-xyz");
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var gateway = await TestGateway.StartAsync(Config(smtp.Port, PasswordFile("pa55-word-xyz")), loggerFactory: loggerFactory);

        Assert.True(gateway.Host.Notifications.Notify(new Notification("attack_ended", "Attack on route shop ended")
        {
            Fields = new Dictionary<string, string> { ["route"] = "shop", ["dropped"] = "51234" },
        }));

        await Eventually.TrueAsync(() => !smtp.Messages.IsEmpty, "the SMTP server receives the message");
        var message = Assert.Single(smtp.Messages);
        Assert.Equal("[Rempart] Attack on route shop ended", message.Subject);
        Assert.Equal(["ops@example.test", "oncall@example.test"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("dropped: 51234", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("attack_ended", message.Headers["X-Rempart-Event"]);
        Assert.Equal(("alerts", true), Assert.Single(smtp.Logins));
        Assert.DoesNotContain("pa55-word-xyz", logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_FailsWithoutRetry_IsLoggedWithoutTheSecret_AndTrafficIsUntouched()
    {
        await using var smtp = TestSmtpServer.Start("alerts", "right-password");
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        await using var gateway = await TestGateway.StartAsync(Config(smtp.Port, PasswordFile("wrong-password-123")), loggerFactory: loggerFactory);

        gateway.Host.Notifications.Notify(new Notification("attack_started", "x"));

        await Eventually.TrueAsync(async () => (await gateway.MetricsAsync()).Contains("rempart_notifications_total{channel=\"mail\",result=\"failed\"} 1", StringComparison.Ordinal), "counted as failed");
        Assert.DoesNotContain("result=\"retried\"", await gateway.MetricsAsync(), StringComparison.Ordinal);
        Assert.All(smtp.Logins, l => Assert.False(l.Accepted));
        Assert.Empty(smtp.Messages);
        Assert.Contains("authentication failed", logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_IsRetriedThenCountedAsFailed()
    {
        await using var gateway = await TestGateway.StartAsync(Config(TestPorts.Free(), PasswordFile("p")));

        gateway.Host.Notifications.Notify(new Notification("attack_started", "x"));

        await Eventually.TrueAsync(async () => (await gateway.MetricsAsync()).Contains("rempart_notifications_total{channel=\"mail\",result=\"failed\"} 1", StringComparison.Ordinal), "counted as failed");
        Assert.Contains("rempart_notifications_total{channel=\"mail\",result=\"retried\"} 2", await gateway.MetricsAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
