using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

public class AdminApiTests
{
    [Fact]
    public async Task WithoutOrWithWrongToken_Gets401AndChangesNothing()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin));
        using var anonymous = new HttpClient { BaseAddress = gw.Host.AdminAddress };

        foreach (var (method, path) in new[] { ("GET", "/api/v1/status"), ("GET", "/metrics"), ("POST", "/api/v1/config/reload"), ("GET", "/api/v1/config") })
        {
            var none = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("application/problem+json", none.Content.Headers.ContentType!.MediaType);

            var wrong = new HttpRequestMessage(new HttpMethod(method), path);
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-at-all");
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong)).StatusCode);
        }

        Assert.Equal(1, gw.Host.State.Current.Generation);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task TokenFile_IsCreatedOwnerOnly()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin));

        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("Rempart and its tests run on Linux, where the token file mode matters.");
            return;
        }

        var mode = File.GetUnixFileMode(Path.Combine(gw.Host.DataDirectory, "admin.token"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task Config_HasAnETag_AndAnswers304WhenUnchanged()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin));

        var first = await gw.Admin.GetAsync("/api/v1/config");
        var etag = first.Headers.ETag!;
        using var doc = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(origin.Url, doc.RootElement.GetProperty("effective").GetProperty("origins").GetProperty("app").GetProperty("targets")[0].GetString());
        Assert.Equal("5s", doc.RootElement.GetProperty("effective").GetProperty("origins").GetProperty("app").GetProperty("connect_timeout").GetString());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/config");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await gw.Admin.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Validate_ReturnsEveryErrorAsProblemDetails()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin));

        var good = await gw.Admin.PostAsync("/api/v1/config/validate", new StringContent(TestGateway.WithDefaults(Config(origin)), Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);

        var bad = await gw.Admin.PostAsync("/api/v1/config/validate", new StringContent("origins: {}\nroutes:\n  - match: { paths: [\"/\"] }\n    origin: nope\n    retries: 3\n", Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType!.MediaType);
        using var doc = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Contains(errors, e => e!.Contains("unknown key 'retries'", StringComparison.Ordinal));
        Assert.Equal(422, doc.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Metrics_CountRequestsByRouteMethodAndStatusClass()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin));

        for (var i = 0; i < 3; i++)
        {
            await gw.Client.GetAsync("/");
        }

        await gw.Client.PostAsync("/", new StringContent("12345"));
        var metrics = await gw.MetricsAsync();

        Assert.Contains("rempart_requests_total{route=\"web\",method=\"GET\",status=\"2xx\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("rempart_requests_total{route=\"web\",method=\"POST\",status=\"2xx\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("rempart_request_bytes_total{route=\"web\"} 5", metrics, StringComparison.Ordinal);
        Assert.Contains("rempart_request_duration_seconds_count{route=\"web\"} 4", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE rempart_origin_duration_seconds histogram", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Origins_ListsTargetsAndHealth()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin));

        using var doc = JsonDocument.Parse(await gw.Admin.GetStringAsync("/api/v1/origins"));
        var app = doc.RootElement.EnumerateArray().Single();

        Assert.Equal("app", app.GetProperty("name").GetString());
        Assert.Equal("round_robin", app.GetProperty("load_balancing").GetString());
        Assert.True(app.GetProperty("targets")[0].GetProperty("healthy").GetBoolean());
    }

    private static string Config(TestOrigin origin) => $$"""
        origins: { app: { targets: ["{{origin.Url}}"] } }
        routes:
          - name: web
            match: { paths: ["/"] }
            origin: app
        """;
}
