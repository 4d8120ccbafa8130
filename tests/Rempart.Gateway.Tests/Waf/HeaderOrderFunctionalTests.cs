using System.Text.RegularExpressions;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>
/// header_order through a running gateway: the order the client wrote its headers in, not the
/// server's (Kestrel lists well-known headers such as Host and User-Agent first, which would make
/// "x-tool:host" impossible to see).
/// </summary>
public class HeaderOrderFunctionalTests
{
    private static string Config(TestOrigin origin, string extra = "") => $$"""
        origins: { app: { targets: ["{{origin.Url}}"] } }
        web_acls:
          main:
            default_action: allow
            rules:
              - name: tool-order
                priority: 1
                statement: { byte_match: { field: header_order, starts_with: "x-tool:host:user-agent" } }
                action: block
        routes:
          - { match: { paths: ["/"] }, origin: app, web_acl: main }
        {{extra}}
        """;

    [Fact]
    public async Task ArrivalOrder_IsMatched_AndTheSameHeadersInAnotherOrderPass()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin));

        var tool = await RawHttp.SendAsync(gw.Address, "GET /a HTTP/1.1\r\nX-Tool: 1\r\nHost: waf.test\r\nUser-Agent: t\r\nConnection: close\r\n\r\n");
        var browser = await RawHttp.SendAsync(gw.Address, "GET /a HTTP/1.1\r\nHost: waf.test\r\nUser-Agent: t\r\nX-Tool: 1\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403", tool, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", browser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAKeptAliveConnection_EachRequestIsJudgedOnItsOwnHead()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin));

        // A chunked POST, then the tool's order, then a browser order, pipelined on one connection.
        var raw =
            "POST /a HTTP/1.1\r\nHost: waf.test\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n" +
            "GET /b HTTP/1.1\r\nX-Tool: 1\r\nHost: waf.test\r\nUser-Agent: t\r\n\r\n" +
            "GET /c HTTP/1.1\r\nHost: waf.test\r\nX-Tool: 1\r\nUser-Agent: t\r\nConnection: close\r\n\r\n";
        var responses = Regex.Matches(await RawHttp.SendAsync(gw.Address, raw), @"HTTP/1\.1 (\d{3})").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["200", "403", "200"], responses);
    }

    [Fact]
    public async Task AfterAnEdgeFunctionRewritesTheTarget_TheArrivalOrderIsStillThisRequests()
    {
        // The head is paired with its request by method and raw target; the pairing happens in the
        // first stage, before the viewer-request function below changes the target the WAF sees.
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin, """
            functions:
              rewrite:
                on: viewer_request
                code: |
                  function handler(event) { event.request.uri = '/rewritten'; return event.request; }
            """));

        var tool = await RawHttp.SendAsync(gw.Address, "GET /a HTTP/1.1\r\nX-Tool: 1\r\nHost: waf.test\r\nUser-Agent: t\r\nConnection: close\r\n\r\n");
        var browser = await RawHttp.SendAsync(gw.Address, "GET /a HTTP/1.1\r\nHost: waf.test\r\nUser-Agent: t\r\nX-Tool: 1\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 403", tool, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", browser, StringComparison.Ordinal);
        Assert.Equal("/rewritten", origin.Received.Single().PathAndQuery);
    }
}
