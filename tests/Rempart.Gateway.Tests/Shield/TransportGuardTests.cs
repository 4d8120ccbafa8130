using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>
/// The transport guard through a running gateway, with raw sockets where bytes must be slow,
/// oversized or come from distinct 127.0.0.x addresses. Time bounds in reads only detect hangs;
/// the assertions are about what the server did (closed, answered 431, counted).
/// </summary>
public class TransportGuardTests
{
    private static string Config(string originUrl, string shield, string routeExtra = "") => $$"""
        origins:
          app: { targets: ["{{originUrl}}"] }
        routes:
          - match: { paths: ["/small"] }
            origin: app
            web_acl: none
            max_body_size: 1KiB
        {{routeExtra}}
          - match: { paths: ["/"] }
            origin: app
            web_acl: none
        shield:
          transport:
        {{shield}}
        """;

    private static async Task<long> LimitCount(TestGateway gateway, string limit)
    {
        var metrics = await gateway.MetricsAsync();
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith($"rempart_shield_transport_limit_total{{limit=\"{limit}\"}}", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Slowloris_HeadersTrickled_IsClosedByTheHeaderTimeout_AndCounted()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Config(origin.Url, "    request_headers_timeout: 2s"));
        using var client = await RawClient.ConnectAsync(gateway.Address);
        await client.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n");

        // One header line every 300 ms keeps a naive server waiting forever.
        var closed = false;
        for (var i = 0; i < 40 && !closed; i++)
        {
            closed = !await client.SendAsync($"X-Slow-{i}: a\r\n") || (await client.ReadUntilClosedAsync(300)).Closed;
        }

        Assert.True(closed, "the gateway closed the slowloris connection");
        Assert.Equal(0, origin.Hits);
        await Eventually.TrueAsync(async () => await LimitCount(gateway, "request_headers_timeout") >= 1, "the header timeout is counted");
    }

    [Fact]
    public async Task SlowPost_BodyBelowTheMinimumRate_IsClosed_AndCounted()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await context.Response.WriteAsync("read");
        };
        await using var gateway = await TestGateway.StartAsync(Config(origin.Url, "    min_request_body_rate: 2000\n    min_data_rate_grace: 2s"));
        using var client = await RawClient.ConnectAsync(gateway.Address);
        await client.SendAsync("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");

        var closed = false;
        for (var i = 0; i < 60 && !closed; i++)
        {
            closed = !await client.SendAsync("0123456789") || (await client.ReadUntilClosedAsync(250)).Closed;
        }

        Assert.True(closed, "the gateway closed the slow upload");
        await Eventually.TrueAsync(async () => await LimitCount(gateway, "min_request_body_rate") >= 1, "the body rate limit is counted");
    }

    [Fact]
    public async Task PerIpConnectionCap_RefusesTheExtraConnection_WhileAnotherIpIsServed_AndForgetsClosedOnes()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Config(origin.Url, "    max_connections_per_ip: 3"));
        var held = new List<RawClient>();
        for (var i = 0; i < 3; i++)
        {
            var c = await RawClient.ConnectAsync(gateway.Address, "127.0.0.2");
            Assert.Contains("200 OK", await c.RequestAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), StringComparison.Ordinal);
            held.Add(c);
        }

        Assert.Equal(3, gateway.Host.Transport.Connections.OpenConnections);

        // A fourth from the same address (a spoofed X-Forwarded-For changes nothing) is closed at accept.
        using (var extra = await RawClient.TryConnectAsync(gateway.Address, "127.0.0.2"))
        {
            // The reset can even beat the client's connect; either way no request is answered.
            if (extra is not null)
            {
                await extra.SendAsync("GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\n\r\n");
                var (closed, received) = await extra.ReadUntilClosedAsync(10_000);
                Assert.True(closed);
                Assert.DoesNotContain("HTTP/1.1", received, StringComparison.Ordinal);
            }
        }

        // Another client IP is served meanwhile.
        using (var other = await RawClient.ConnectAsync(gateway.Address, "127.0.0.3"))
        {
            Assert.Contains("200 OK", await other.RequestAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), StringComparison.Ordinal);
        }

        Assert.Equal(1, await LimitCount(gateway, "max_connections_per_ip"));

        // Closing one frees a slot; closing all leaves no per-IP state behind.
        held[0].Dispose();
        await Eventually.TrueAsync(() => gateway.Host.Transport.Connections.OpenConnections <= 2, "the closed connection is released");
        using (var again = await RawClient.ConnectAsync(gateway.Address, "127.0.0.2"))
        {
            Assert.Contains("200 OK", await again.RequestAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), StringComparison.Ordinal);
        }

        held.ForEach(c => c.Dispose());
        await Eventually.TrueAsync(() => gateway.Host.Transport.Connections.TrackedIps == 0, "no per-IP entry outlives its connections");
    }

    [Fact]
    public async Task TransportOff_IsExplicit_AndLiftsTheConnectionCap()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Config(origin.Url, "    enabled: false\n    max_connections_per_ip: 1"));
        using var a = await RawClient.ConnectAsync(gateway.Address, "127.0.0.4");
        using var b = await RawClient.ConnectAsync(gateway.Address, "127.0.0.4");

        Assert.Contains("200 OK", await a.RequestAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), StringComparison.Ordinal);
        Assert.Contains("200 OK", await b.RequestAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("count", "431")]
    [InlineData("size", "431")]
    [InlineData("line", "414")]
    public async Task OversizedHeaders_AreRefused_AndCounted(string what, string status)
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Config(origin.Url, "    max_request_headers: 20\n    max_request_header_size: 4KiB\n    max_request_line_size: 1KiB"));
        var request = what switch
        {
            "count" => "GET / HTTP/1.1\r\nHost: x\r\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"X-H{i}: v\r\n")) + "\r\n",
            "size" => "GET / HTTP/1.1\r\nHost: x\r\nCookie: " + new string('a', 5000) + "\r\n\r\n",
            _ => "GET /" + new string('a', 2000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
        };

        var response = await RawHttp.SendAsync(gateway.Address, request);

        Assert.StartsWith($"HTTP/1.1 {status}", response, StringComparison.Ordinal);
        Assert.Equal(0, origin.Hits);
        if (what != "line")
        {
            var limit = what == "count" ? "max_request_headers" : "max_request_header_size";
            await Eventually.TrueAsync(async () => await LimitCount(gateway, limit) == 1, $"{limit} is counted");
        }
    }

    [Fact]
    public async Task BodyOverTheRouteLimit_Is413_DeclaredOrChunked_WhileOtherRoutesTakeIt()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await context.Response.WriteAsync($"got {(await reader.ReadToEndAsync()).Length}");
        };
        await using var gateway = await TestGateway.StartAsync(Config(origin.Url, "    max_body_size: 1MiB"));
        var body = new string('b', 2048);

        var declared = await gateway.Client.PostAsync("/small", new StringContent(body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Contains("too large", await declared.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var chunked = await RawHttp.SendAsync(gateway.Address, "POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n800\r\n" + body + "\r\n0\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 413", chunked, StringComparison.Ordinal);

        var elsewhere = await gateway.Client.PostAsync("/big", new StringContent(body));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal("got 2048", await elsewhere.Content.ReadAsStringAsync());
        // A chunked body is streamed: the origin may see the start of it before Kestrel cuts it at the limit.
        Assert.DoesNotContain(origin.Received, r => r.PathAndQuery == "/small" && r.Headers.ContainsKey("Content-Length"));
        await Eventually.TrueAsync(async () => await LimitCount(gateway, "max_body_size") >= 2, "both refusals are counted");
    }
}
