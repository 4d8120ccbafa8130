using System.Net;
using Microsoft.AspNetCore.Http;
using System.Text.RegularExpressions;
using Rempart.Gateway.Events;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functions;

/// <summary>Edge functions through a running gateway and a real origin: CloudFront Functions code, unchanged, on viewer requests and responses.</summary>
public class EdgeFunctionTests
{
    private static async Task<(TestOrigin Origin, TestGateway Gateway)> StartAsync(string functions, Func<TestGateway, Task>? before = null)
    {
        var origin = await TestOrigin.StartAsync("app");
        var gateway = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - name: site
                match: { paths: ["/"] }
                origin: app
                web_acl: none
            functions:
            {{functions}}
            """);
        return (origin, gateway);
    }

    [Fact]
    public async Task ViewerRequest_RewritesUriQueryHeadersAndCookies_TheOriginSeesTheRewrite()
    {
        // A CloudFront Function as AWS documents them: plain ES5, handler(event), returns event.request.
        var (origin, gw) = await StartAsync("""
              rewrite:
                on: viewer_request
                code: |
                  function handler(event) {
                    var request = event.request;
                    if (request.uri === '/old') { request.uri = '/new/page'; }
                    request.headers['x-viewer-ip'] = { value: event.viewer.ip };
                    request.headers['x-country'] = { value: 'FR', multiValue: [{ value: 'FR' }, { value: 'BE' }] };
                    delete request.headers['x-remove-me'];
                    request.querystring['added'] = { value: 'yes please' };
                    delete request.querystring['drop'];
                    request.cookies['session'] = { value: 'rewritten' };
                    return request;
                  }
            """);
        await using var _ = origin;
        await using var __ = gw;

        using var message = new HttpRequestMessage(HttpMethod.Get, "/old?keep=1&drop=2");
        message.Headers.Add("X-Remove-Me", "secret");
        message.Headers.Add("Cookie", "session=original; theme=dark");
        var response = await gw.Client.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = origin.Received.Single();
        Assert.Equal("/new/page?keep=1&added=yes%20please", received.PathAndQuery);
        Assert.Equal("127.0.0.1", received.Headers["x-viewer-ip"]);
        Assert.Equal("FR,BE", received.Headers["x-country"].Replace(", ", ",", StringComparison.Ordinal));
        Assert.False(received.Headers.ContainsKey("x-remove-me"));
        Assert.Equal("session=rewritten; theme=dark", received.Headers["cookie"]);
    }

    [Fact]
    public async Task ViewerRequest_AsyncHandlerReturningARedirect_AnswersWithoutTheOrigin()
    {
        var (origin, gw) = await StartAsync("""
              redirect:
                on: viewer_request
                code: |
                  async function handler(event) {
                    var host = event.request.headers.host.value;
                    if (event.request.uri.startsWith('/legacy')) {
                      return {
                        statusCode: 301,
                        statusDescription: 'Moved Permanently',
                        headers: { location: { value: 'https://' + host + '/modern' + event.request.uri.substring(7) } },
                        cookies: { moved: { value: '1', attributes: 'Path=/; HttpOnly' } }
                      };
                    }
                    if (event.request.uri === '/teapot') {
                      return { statusCode: 418, headers: { 'content-type': { value: 'text/plain' } }, body: 'short and stout' };
                    }
                    return event.request;
                  }
            """);
        await using var _ = origin;
        await using var __ = gw;

        var redirect = await gw.Client.GetAsync("/legacy/a?b=c");
        var teapot = await gw.Client.GetAsync("/teapot");
        var passed = await gw.Client.GetAsync("/other");

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"https://{gw.Address.Authority}/modern/a", redirect.Headers.Location!.ToString());
        Assert.Equal("moved=1; Path=/; HttpOnly", redirect.Headers.GetValues("Set-Cookie").Single());
        Assert.Equal(418, (int)teapot.StatusCode);
        Assert.Equal("short and stout", await teapot.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal("/other", origin.Received.Single().PathAndQuery);
    }

    [Fact]
    public async Task ViewerResponse_AddsAndRemovesHeaders_FromAFileNextToTheConfig()
    {
        var origin = await TestOrigin.StartAsync("app");
        await using var _ = origin;
        var directory = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "functions"));
        await File.WriteAllTextAsync(Path.Combine(directory, "functions", "headers.js"), """
            function handler(event) {
              var response = event.response;
              response.headers['strict-transport-security'] = { value: 'max-age=63072000; includeSubdomains; preload' };
              response.headers['x-frame-options'] = { value: 'DENY' };
              response.headers['x-seen-uri'] = { value: event.request.uri };
              delete response.headers['x-powered-by'];
              return response;
            }
            """);
        await using var gw = await TestGateway.StartAsync($$"""
            data_dir: {{directory}}/data
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: none
            functions:
              security-headers: { on: viewer_response, file: {{directory}}/functions/headers.js }
            """);

        var response = await gw.Client.GetAsync("/page");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=63072000; includeSubdomains; preload", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("/page", response.Headers.GetValues("X-Seen-Uri").Single());
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.Equal("hello from app", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("fail_open", "max_statements: 1000", "statements")]
    [InlineData("fail_closed", "max_statements: 1000", "statements")]
    [InlineData("fail_open", "max_statements: 0, time_budget: 2ms", "time")]
    [InlineData("fail_closed", "max_statements: 0, time_budget: 2ms", "time")]
    public async Task ViewerRequest_InfiniteLoop_HitsALimit_FailsAsConfigured_CountedAndPublished(string onError, string limits, string limit)
    {
        var (origin, gw) = await StartAsync($$"""
              spin:
                on: viewer_request
                on_error: {{onError}}
                limits: { {{limits}} }
                code: |
                  function handler(event) {
                    if (event.request.uri === '/spin') { while (true) { } }
                    return event.request;
                  }
            """);
        await using var _ = origin;
        await using var __ = gw;
        using var failures = gw.Host.Events.Subscribe("test", e => e is FunctionFailedEvent);

        var spun = await gw.Client.GetAsync("/spin");
        var fine = await gw.Client.GetAsync("/fine");

        Assert.Equal(onError == "fail_open" ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, spun.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        var failed = (FunctionFailedEvent)await failures.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("spin", "limit", limit, onError), (failed.Function, failed.Failure, failed.Limit, failed.Outcome));
        Assert.Equal(spun.Headers.GetValues("X-Request-Id").Single(), failed.RequestId);
        var metrics = await gw.MetricsAsync();
        Assert.Matches(new Regex($"rempart_function_limit_hits_total\\{{[^}}]*function=\"spin\"[^}}]*limit=\"{limit}\"[^}}]*\\}} 1"), metrics);
        Assert.Matches(new Regex("rempart_function_invocations_total\\{[^}]*result=\"ok\"[^}]*\\} 1"), metrics);
    }

    [Fact]
    public async Task ViewerRequest_ThrowOrBadResult_FailsOpen_ButAHeaderInjectionIsNeverSent()
    {
        var (origin, gw) = await StartAsync("""
              broken:
                on: viewer_request
                limits: { time_budget: 50ms }   # so the deep recursion meets its own limit first, even on a loaded machine
                code: |
                  function handler(event) {
                    if (event.request.uri === '/throw') { throw new Error('no luck'); }
                    if (event.request.uri === '/inject') { event.request.headers['x-a'] = { value: 'b\r\nX-Injected: 1' }; }
                    if (event.request.uri === '/deep') { var f = function (n) { return 1 + f(n + 1); }; f(0); }
                    return event.request;
                  }
            """);
        await using var _ = origin;
        await using var __ = gw;

        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/throw")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/inject")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/deep")).StatusCode);

        Assert.All(origin.Received, r => Assert.False(r.Headers.ContainsKey("x-injected") || r.Headers.ContainsKey("x-a")));
        var metrics = await gw.MetricsAsync();
        Assert.Matches(new Regex("rempart_function_invocations_total\\{[^}]*result=\"error\"[^}]*\\} 2"), metrics);
        Assert.Matches(new Regex("rempart_function_limit_hits_total\\{[^}]*limit=\"recursion\"[^}]*\\} 1"), metrics);
    }

    [Fact]
    public async Task ViewerResponse_FailClosed_WithholdsTheOriginBody()
    {
        var (origin, gw) = await StartAsync("""
              strict:
                on: viewer_response
                on_error: fail_closed
                code: |
                  function handler(event) { throw new Error('cannot vouch for ' + event.request.uri); }
            """);
        await using var _ = origin;
        await using var __ = gw;
        origin.Handler = c => c.Response.WriteAsync("private origin content");

        var response = await gw.Client.GetAsync("/x");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("private", body, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("X-Request-Id").Single(), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionOnOtherRoute_DoesNotRun_AndAnEditedScriptIsHotReloaded()
    {
        var origin = await TestOrigin.StartAsync("app");
        await using var _ = origin;
        var directory = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "tag.js");
        await File.WriteAllTextAsync(script, "function handler(event) { event.request.headers['x-tag'] = { value: 'one' }; return event.request; }");
        var yaml = $$"""
            data_dir: {{directory}}/data
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - { name: api, match: { paths: ["/api"] }, origin: app, web_acl: none }
              - { name: rest, match: { paths: ["/"] }, origin: app, web_acl: none }
            functions:
              tag: { on: viewer_request, file: {{script}}, routes: [api] }
            """;
        await using var gw = await TestGateway.StartAsync(yaml);

        await gw.Client.GetAsync("/api/x");
        await gw.Client.GetAsync("/other");
        var received = origin.Received.ToArray();
        Assert.Equal("one", received[0].Headers["x-tag"]);
        Assert.False(received[1].Headers.ContainsKey("x-tag"));

        await File.WriteAllTextAsync(script, "function handler(event) { event.request.headers['x-tag'] = { value: 'two' }; return event.request; }");
        var reload = await gw.Host.ReloadAsync();
        Assert.True(reload.Applied);
        await gw.Client.GetAsync("/api/y");
        Assert.Equal("two", origin.Received.Last().Headers["x-tag"]);
    }
}
