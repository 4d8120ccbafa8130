using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// A real HTTP origin on 127.0.0.1 with a port of its own. By default it answers 200 with its name
/// in the body and in an X-Origin header; tests swap <see cref="Handler"/> to make it slow, failing or rude.
/// It records what it received so tests can check what the gateway forwarded.
/// </summary>
public sealed class TestOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestOrigin(string name, WebApplication app, Uri address)
    {
        Name = name;
        _app = app;
        Address = address;
    }

    public string Name { get; }

    public Uri Address { get; }

    public string Url => Address.GetLeftPart(UriPartial.Authority);

    public int Hits => Received.Count;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>What the origin does with each request (after recording it). Replace freely during a test.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = null!;

    /// <summary>Status of GET /healthz; tests flip it to make active health checks fail.</summary>
    public int HealthStatus { get; set; } = 200;

    public static async Task<TestOrigin> StartAsync(string name = "origin")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        TestOrigin? origin = null;
        app.Run(async context =>
        {
            if (context.Request.Path == "/healthz")
            {
                context.Response.StatusCode = origin!.HealthStatus;
                await context.Response.WriteAsync("health");
                return;
            }

            origin!.Received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await origin.Handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        origin = new TestOrigin(name, app, new Uri(address));
        origin.Handler = origin.DefaultHandler;
        return origin;
    }

    public Task DefaultHandler(HttpContext context)
    {
        context.Response.Headers["X-Origin"] = Name;
        context.Response.Headers["Server"] = "Apache/2.4.1 (Unix)";
        context.Response.Headers["X-Powered-By"] = "PHP/5.6";
        return context.Response.WriteAsync($"hello from {Name}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers);
