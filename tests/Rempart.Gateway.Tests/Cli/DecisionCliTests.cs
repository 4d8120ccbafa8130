using System.Net;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Cli;

/// <summary>`rempart ban`, `rempart decisions`, `rempart unban` — the real executable against a running gateway.</summary>
public sealed class DecisionCliTests
{
    [Fact]
    public async Task BanListUnban_ThroughTheCli_ChangeWhatTheGatewayEnforces()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: none
            automations: { allow_list: [] }
            """);
        var admin = gw.Host.AdminAddress!.ToString().TrimEnd('/');
        var token = gw.Host.AdminToken is not null ? File.ReadAllText(Path.Combine(gw.Host.DataDirectory, "admin.token")).Trim() : "";
        string[] Conn(params string[] args) => [.. args, "--admin", admin, "--token", token];
        using var client = SourceAddressClient.Create(gw.Address, "127.0.0.12");

        var ban = await RempartProcess.RunAsync(gw.Directory, Conn("ban", "127.0.0.12", "--for", "4h", "--reason", "credential stuffing"));
        Assert.True(ban.ExitCode == 0, ban.Stderr);
        Assert.Contains("decided: ban 127.0.0.12 until", ban.Stdout, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);

        var list = await RempartProcess.RunAsync(gw.Directory, Conn("decisions"));
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("127.0.0.12", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("credential stuffing", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 1 active decision(s)", list.Stdout, StringComparison.Ordinal);

        var broad = await RempartProcess.RunAsync(gw.Directory, Conn("ban", "0.0.0.0/0", "--reason", "oops"));
        Assert.Equal(1, broad.ExitCode);
        Assert.Contains("too_broad", broad.Stderr, StringComparison.Ordinal);

        var unban = await RempartProcess.RunAsync(gw.Directory, Conn("unban", "127.0.0.12", "--reason", "customer called"));
        Assert.True(unban.ExitCode == 0, unban.Stderr);
        Assert.Contains("lifted: ban 127.0.0.12", unban.Stdout, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var audit = await gw.Admin.GetStringAsync("/api/v1/audit");
        Assert.Contains($"admin-api:{Environment.UserName}@{Environment.MachineName}", audit, StringComparison.Ordinal);
        Assert.Contains("customer called", audit, StringComparison.Ordinal);
    }
}
