using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rempart.AttackBench;

/// <summary>The protected origin: a small page after a short think time, and a count of requests per wall-clock second.</summary>
internal sealed class BenchOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, int> _perSecond = new();

    private BenchOrigin(WebApplication app) => _app = app;

    public static async Task<BenchOrigin> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var origin = new BenchOrigin(app);
        app.Run(async context =>
        {
            origin._perSecond.AddOrUpdate(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1, (_, n) => n + 1);
            await Task.Delay(2);
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>product page</body></html>");
        });
        await app.StartAsync();
        return origin;
    }

    /// <summary>Most requests the origin received in one second within [from, to).</summary>
    public int PeakBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var a = from.ToUnixTimeSeconds();
        var b = to.ToUnixTimeSeconds();
        return _perSecond.Where(kv => kv.Key >= a && kv.Key <= b).Select(kv => kv.Value).DefaultIfEmpty(0).Max();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
