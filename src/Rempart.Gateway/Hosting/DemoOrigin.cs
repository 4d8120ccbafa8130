using Microsoft.AspNetCore.Http.Features;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rempart.Gateway.Hosting;

/// <summary>
/// The built-in demo application that the embedded default config protects: a small HTML page,
/// a JSON API and a health endpoint, on a loopback port of its own, so a newcomer sees Rempart work
/// with one command and nothing else installed.
/// </summary>
public sealed class DemoOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoOrigin(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<DemoOrigin> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DemoOrigin(app, new Uri(address));
    }

    private static Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["Server"] = "demo-origin/1.0"; // the gateway hides this
        switch (context.Request.Path.Value)
        {
            case "/healthz":
                response.ContentType = "text/plain";
                return response.WriteAsync("ok\n");
            case "/api/hello":
                response.ContentType = "application/json";
                var ip = context.Request.Headers["X-Forwarded-For"].ToString();
                return response.WriteAsync($$"""{"message":"Hello from the demo origin behind Rempart","you":{{System.Text.Json.JsonSerializer.Serialize(ip)}},"request_id":{{System.Text.Json.JsonSerializer.Serialize(context.Request.Headers["X-Request-Id"].ToString())}}}""" + "\n");
            case "/":
                response.ContentType = "text/html; charset=utf-8";
                return response.WriteAsync("""
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Rempart demo</title>
                    <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5;color:#1d2330}code{background:#eef0f4;padding:.1rem .3rem;border-radius:4px}</style></head>
                    <body><h1>It works: this page came through Rempart</h1>
                    <p>This is the built-in demo origin. Rempart stands in front of it: the origin's address and
                    <code>Server</code> header stay hidden, every request gets an id, and each one is logged.</p>
                    <p>Try the JSON API: <a href="/api/hello">/api/hello</a>. Then write a config for your own app
                    (see README) and run <code>rempart run --config rempart.yaml</code>.</p></body></html>
                    """);
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                response.ContentType = "text/plain";
                return response.WriteAsync("not found\n");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
