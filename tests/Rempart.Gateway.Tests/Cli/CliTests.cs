using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task Validate_ExitsZeroForAGoodFile_OneWithEveryErrorForABadOne()
    {
        File.WriteAllText(Path.Combine(_dir, "good.yaml"), Config("http://127.0.0.1:3000", "127.0.0.1:0"));
        File.WriteAllText(Path.Combine(_dir, "bad.yaml"), "listen: [\"http://127.0.0.1:8080\"]\norigins:\n  app: { targets: [\"http://127.0.0.1:3000\"], conect_timeout: 5s }\nroutes:\n  - match: { paths: [\"/\"] }\n    origin: ap\n");

        var good = await RempartProcess.RunAsync(_dir, "validate", "good.yaml");
        var bad = await RempartProcess.RunAsync(_dir, "validate", "bad.yaml");

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("valid", good.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.yaml:3:", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'connect_timeout'?", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:6:", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 error(s)", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAnInvalidConfig_ExitsOneWithoutStarting()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.yaml"), "listen: [\"http://127.0.0.1:0\"]\norigins: { app: { targets: [\"x\"] } }\nroutes: []\n");

        var result = await RempartProcess.RunAsync(_dir, "run", "--config", "bad.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.yaml:2:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not started", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "data")), "nothing was created");
    }

    [Fact]
    public async Task Run_OnAPortInUse_ExitsOneWithTheReason()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        File.WriteAllText(Path.Combine(_dir, "rempart.yaml"), Config("http://127.0.0.1:3000", $"127.0.0.1:{port}"));

        var result = await RempartProcess.RunAsync(_dir, "run", "--config", "rempart.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_DrainsInFlightRequests_ThenExitsZero()
    {
        await using var origin = await TestOrigin.StartAsync();
        var entered = new TaskCompletionSource();
        origin.Handler = async ctx =>
        {
            entered.TrySetResult();
            await Task.Delay(1500);
            await ctx.Response.WriteAsync("finished despite shutdown");
        };
        File.WriteAllText(Path.Combine(_dir, "rempart.yaml"), Config(origin.Url, "127.0.0.1:0"));
        using var rempart = RempartProcess.Start(_dir, "run", "--config", "rempart.yaml");
        var gateway = await rempart.WaitForGatewayAsync();

        using var client = new HttpClient();
        var inFlight = client.GetAsync(gateway);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        rempart.Signal(RempartProcess.SIGTERM);

        var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished despite shutdown", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await rempart.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Rempart stopped", rempart.Stderr, StringComparison.Ordinal);
        var log = File.ReadAllText(Path.Combine(_dir, "data", "access.log"));
        Assert.Contains("\"status\":200", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusCommand_TalksToTheRunningGateway()
    {
        await using var origin = await TestOrigin.StartAsync();
        File.WriteAllText(Path.Combine(_dir, "rempart.yaml"), Config(origin.Url, "127.0.0.1:0").Replace("127.0.0.1:0\" }", "127.0.0.1:" + TestPorts.Free() + "\" }", StringComparison.Ordinal));
        using var rempart = RempartProcess.Start(_dir, "run", "--config", "rempart.yaml");
        await rempart.WaitForGatewayAsync();

        var status = await RempartProcess.RunAsync(_dir, "status", "--config", "rempart.yaml");
        var wrong = await RempartProcess.RunAsync(_dir, "status", "--config", "rempart.yaml", "--token", "wrong-token-value");

        Assert.Equal(0, status.ExitCode);
        using var doc = JsonDocument.Parse(status.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("config").GetProperty("generation").GetInt32());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("401", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_PrintsJsonSchema()
    {
        var result = await RempartProcess.RunAsync(_dir, "schema");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("object", doc.RootElement.GetProperty("type").GetString());
        Assert.True(doc.RootElement.GetProperty("properties").TryGetProperty("routes", out _));
    }

    [Fact]
    public async Task Run_WithoutConfig_ServesTheDemoThroughTheGateway()
    {
        using var rempart = RempartProcess.Start(_dir, "run");
        var gateway = await rempart.WaitForGatewayAsync();

        using var client = new HttpClient();
        var page = await client.GetAsync(gateway);
        var api = await client.GetStringAsync(new Uri(gateway, "/api/hello"));

        Assert.Equal(new Uri("http://127.0.0.1:8080/"), gateway);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("came through Rempart", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("Server"));
        Assert.Contains("Hello from the demo origin", api, StringComparison.Ordinal);
        Assert.Contains("Admin API:   http://127.0.0.1:9901/", rempart.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "rempart-data", "admin.token")));
    }

    private static string Config(string origin, string listen) => $$"""
        listen: ["http://{{listen}}"]
        admin: { listen: "http://127.0.0.1:0" }
        data_dir: ./data
        origins: { app: { targets: ["{{origin}}"] } }
        routes:
          - match: { paths: ["/"] }
            origin: app
        """;


    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
