using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Cache;

/// <summary>Configs and origin handlers the cache's functional tests share.</summary>
internal static class CacheTestSupport
{
    public static string Config(TestOrigin origin, string cache = "default", string extra = "") => $$"""
        origins: { app: { targets: ["{{origin.Url}}"], retry: false } }
        routes:
          - match: { hosts: ["*"], paths: ["/"] }
            origin: app
            web_acl: none
            cache: {{cache}}
        {{extra}}
        """;

    /// <summary>An origin handler that answers <paramref name="body"/> with the given headers and counts nothing itself (the origin records requests).</summary>
    public static Func<HttpContext, Task> Answer(string body, params (string Name, string Value)[] headers) => async context =>
    {
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        context.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(body);
        await context.Response.WriteAsync(body);
    };

    public static string CacheStatus(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Cache-Status", out var v) ? string.Join(", ", v) : "";
}
