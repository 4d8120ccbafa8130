using System.Net;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>geo_match and asn_match on a real mmdb file, clients placed by a trusted proxy's X-Forwarded-For.</summary>
public sealed class GeoMatchTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));

    public GeoMatchTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task GeoAndAsn_MatchAndLabel_FromTheDatabase()
    {
        var db = Path.Combine(_dir, "geo.mmdb");
        new MmdbWriter()
            .Add("203.0.113.0/24", new() { ["country"] = new Dictionary<string, object> { ["iso_code"] = "KP" }, ["autonomous_system_number"] = (uint)64500 })
            .Add("198.51.100.0/24", new() { ["country"] = new Dictionary<string, object> { ["iso_code"] = "FR" }, ["autonomous_system_number"] = (uint)64501 })
            .Add("2001:db8::/32", new() { ["registered_country"] = new Dictionary<string, object> { ["iso_code"] = "KP" } })
            .Write(db);
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync($$"""
            client_ip: { trusted_proxies: ["127.0.0.0/8"] }
            geo: { database: "{{db}}" }
            origins: { app: { targets: ["{{origin.Url}}"] } }
            web_acls:
              main:
                rules:
                  - name: embargo
                    priority: 1
                    statement: { geo_match: { country_codes: [KP] } }
                    action: block
                  - name: hosting-asn
                    priority: 2
                    statement: { asn_match: { asns: [64501] } }
                    action: { block: { status: 429 } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: main
            """);

        Assert.Equal(HttpStatusCode.Forbidden, await From(gw, "203.0.113.9"));
        Assert.Equal(HttpStatusCode.Forbidden, await From(gw, "2001:db8::1"));
        Assert.Equal((HttpStatusCode)429, await From(gw, "198.51.100.7"));
        Assert.Equal(HttpStatusCode.OK, await From(gw, "192.0.2.1"));
    }

    [Fact]
    public void GeoMatch_WithoutADatabase_IsAConfigError()
    {
        var result = Rempart.Gateway.Configuration.ConfigLoader.LoadText("""
            origins: { app: { targets: ["http://127.0.0.1:3000"] } }
            web_acls:
              main:
                rules:
                  - { name: g, priority: 1, statement: { geo_match: { country_codes: [fr] } }, action: block }
            routes:
              - { match: { paths: ["/"] }, origin: app, web_acl: main }
            """, "rempart.yaml", _dir);

        Assert.Contains(result.Errors, e => e.Message.Contains("needs a country database", StringComparison.Ordinal) && e.Line == 5);
        Assert.Contains(result.Errors, e => e.Path.EndsWith("country_codes[0]", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> From(TestGateway gw, string ip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", ip);
        return (await gw.Client.SendAsync(request)).StatusCode;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
