using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

/// <summary>WebSockets and server-sent events pass through the gateway and its default WAF unharmed.</summary>
public class StreamingTests
{
    [Fact]
    public async Task WebSocket_EchoesThroughTheGateway()
    {
        await using var origin = await StartOriginAsync(async ctx =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                ctx.Response.StatusCode = 400;
                return;
            }

            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Text, true, CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        });
        await using var gw = await TestGateway.StartAsync(Config(origin.Url));

        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://{gw.Address.Authority}/ws"), CancellationToken.None);
        await client.SendAsync(Encoding.UTF8.GetBytes("ping through rempart"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var result = await client.ReceiveAsync(buffer, CancellationToken.None);

        Assert.Equal("ping through rempart", Encoding.UTF8.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public async Task ServerSentEvents_ArriveOneByOne_NotBuffered()
    {
        var release = new SemaphoreSlim(0);
        await using var origin = await StartOriginAsync(async ctx =>
        {
            ctx.Response.ContentType = "text/event-stream";
            await ctx.Response.StartAsync();
            await ctx.Response.Body.FlushAsync();
            await release.WaitAsync(); // headers first; the first event only once the client has them
            for (var i = 0; i < 3; i++)
            {
                await ctx.Response.WriteAsync($"data: event {i}\n\n");
                await ctx.Response.Body.FlushAsync();
                await release.WaitAsync(); // the next event only after the client has read this one
            }
        });
        await using var gw = await TestGateway.StartAsync(Config(origin.Url));

        using var response = await gw.Client.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(10));
        release.Release();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"data: event {i}", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("", await reader.ReadLineAsync());
            release.Release();
        }
    }

    private static string Config(string origin) => $$"""
        origins: { app: { targets: ["{{origin}}"] } }
        routes:
          - match: { paths: ["/"] }
            origin: app
            web_acl: default
        """;

    private static async Task<OriginApp> StartOriginAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new OriginApp(app, new Uri(address).GetLeftPart(UriPartial.Authority));
    }

    private sealed record OriginApp(WebApplication App, string Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
