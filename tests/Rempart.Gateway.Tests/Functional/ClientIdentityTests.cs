using System.Net;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

public class ClientIdentityTests
{
    [Fact]
    public async Task UntrustedPeer_CannotChooseItsIpOrRequestId()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin, "[]"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/x");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "6.6.6.6");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "chosen-by-client");
        var response = await gw.Client.SendAsync(request);

        var seen = origin.Received.Single().Headers;
        Assert.Equal("127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal("http", seen["X-Forwarded-Proto"]);
        Assert.Equal(gw.Address.Authority, seen["X-Forwarded-Host"]);
        Assert.NotEqual("chosen-by-client", seen["X-Request-Id"]);
        Assert.Equal(seen["X-Request-Id"], response.Headers.GetValues("X-Request-Id").Single());
        Assert.Contains("rempart", seen["Via"], StringComparison.Ordinal);
        await AssertLoggedClientIp(gw, seen["X-Request-Id"], "127.0.0.1");
    }

    [Fact]
    public async Task TrustedProxy_ForwardedChainIsWalkedFromTheRight()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin, "[\"127.0.0.0/8\", \"10.0.0.0/8\"]"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/x");
        // 1.1.1.1 was spoofed by the client; 203.0.113.7 is what our trusted LB 10.1.2.3 saw.
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "1.1.1.1, 203.0.113.7, 10.1.2.3");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "lb-assigned-42");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        await gw.Client.SendAsync(request);

        var seen = origin.Received.Single().Headers;
        Assert.Equal("1.1.1.1, 203.0.113.7, 10.1.2.3, 127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal("lb-assigned-42", seen["X-Request-Id"]);
        Assert.Equal("https", seen["X-Forwarded-Proto"]);
        await AssertLoggedClientIp(gw, "lb-assigned-42", "203.0.113.7");
    }

    [Fact]
    public async Task OriginSoftwareHeaders_AreRemoved_ViaIsAdded()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin, "[]"));

        var response = await gw.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.Contains("1.1 rempart", response.Headers.GetValues("Via"));
        Assert.DoesNotContain(origin.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldsTheOriginNamesInConnection_AreDropped_OthersPass()
    {
        // Kestrel rewrites an app's Connection header, so the origin here writes its bytes itself.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var head = "";
            while (!head.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer);
                if (n == 0)
                {
                    return;
                }

                head += System.Text.Encoding.ASCII.GetString(buffer, 0, n);
            }

            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nConnection: X-Hop, close\r\nX-Hop: origin-internal\r\nX-Kept: 1\r\nContent-Length: 2\r\n\r\nok"));
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var gw = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["http://127.0.0.1:{{port}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        var response = await gw.Client.GetAsync("/");
        await serving;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Hop"));
        Assert.Equal("1", response.Headers.GetValues("X-Kept").Single());
    }

    private static string Config(TestOrigin origin, string trusted) => $$"""
        client_ip: { trusted_proxies: {{trusted}} }
        origins: { app: { targets: ["{{origin.Url}}"] } }
        routes:
          - match: { paths: ["/"] }
            origin: app
        """;

    private static async Task AssertLoggedClientIp(TestGateway gw, string requestId, string ip)
    {
        var log = Path.Combine(gw.Host.DataDirectory, "access.log");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains(requestId, StringComparison.Ordinal), "the access log has the request");
        var line = File.ReadAllLines(log).Single(l => l.Contains(requestId, StringComparison.Ordinal));
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal(ip, doc.RootElement.GetProperty("client_ip").GetString());
    }
}
