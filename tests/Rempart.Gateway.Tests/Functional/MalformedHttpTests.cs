using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

public class MalformedHttpTests
{
    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n")]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET /\u0001 HTTP/1.1\r\nHost: a\r\n\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    public async Task MalformedRequest_Gets400_AndTheGatewayKeepsServing(string raw)
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        var response = await RawHttp.SendAsync(gw.Address, raw);

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Equal("hello from origin", await gw.Client.GetStringAsync("/"));
    }
}
