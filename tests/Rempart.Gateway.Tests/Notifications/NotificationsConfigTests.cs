using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Tests.Notifications;

/// <summary>notifications: errors are reported at file:line with a fix, and never echo a secret or a webhook URL.</summary>
public class NotificationsConfigTests
{
    private const string Base = """
        origins:
          app: { targets: ["http://127.0.0.1:3000"] }
        routes:
          - match: { paths: ["/"] }
            origin: app
        notifications:
          channels:

        """;

    private static ConfigLoadResult Load(string channels) => ConfigLoader.LoadText(Base + channels, "rempart.yaml", Path.GetTempPath());

    [Theory]
    [InlineData("    a: { kinds: [x] }\n", 8, "exactly one of webhook and email")]
    [InlineData("    a:\n      webhook: { url: \"ftp://h/SECRETPATH\" }\n", 9, "not an http")]
    [InlineData("    a:\n      webhook: { url: \"https://h/x\", secret_env: REMPART_TEST_UNSET_VARIABLE_XYZ }\n", 9, "REMPART_TEST_UNSET_VARIABLE_XYZ is not set")]
    [InlineData("    a:\n      webhook: { url: \"https://h/x\", secret_file: /nonexistent/secret }\n", 9, "cannot read /nonexistent/secret")]
    [InlineData("    a:\n      email: { host: smtp.test, from: \"not an address\", to: [ops@example.test] }\n", 9, "not an email address")]
    [InlineData("    a:\n      email: { host: smtp.test, from: r@example.test, to: [ops@example.test], username: u }\n", 9, "without a password")]
    [InlineData("    a:\n      email: { host: smtp.test, from: r@example.test, to: [ops@example.test], security: ssl }\n", 9, "not a valid value")]
    [InlineData("    a:\n      email: { host: smtp.test, from: r@example.test }\n", 9, "required key 'to'")]
    public void InvalidChannel_IsReportedAtItsLine(string channels, int line, string expected)
    {
        var result = Load(channels);

        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SECRETPATH", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidChannels_Bind()
    {
        var result = Load("""
                hook: { kinds: [attack_started], webhook: { url: "https://hooks.example.test/x", format: slack } }
                mail:
                  email: { host: smtp.example.test, port: 465, security: tls, from: r@example.test, to: [ops@example.test] }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Config!.Notifications.Channels.Count);
        Assert.Equal(5, result.Config.Notifications.Retry.Attempts);
    }
}
