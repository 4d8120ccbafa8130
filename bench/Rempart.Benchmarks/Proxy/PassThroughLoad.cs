using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Hosting;

namespace Rempart.Benchmarks.Proxy;

/// <summary>
/// The pass-through proxy's own CPU and allocation per request, in one process, without the
/// side-by-side peers of bench/proxy-bench.sh: a real Rempart (the proxy-bench route: <c>web_acl:
/// none</c>, <c>cache: disabled</c>, access log off, detection on) in front of a Kestrel origin
/// answering 1 KiB, driven by keep-alive raw-socket clients. Reps alternate "client → origin" and
/// "client → Rempart → origin"; the process's CPU time and allocated bytes per request of the first
/// are subtracted from the second, which leaves what Rempart adds. Other tenants of a shared machine
/// barely move CPU time (unlike wall-clock throughput), so this is fit for before/after comparisons
/// of one change; absolute figures are not comparable with proxy-bench's (other client, other origin).
/// Run: <c>dotnet run -c Release --project bench/Rempart.Benchmarks -- passthrough [seconds] [reps] [connections]</c>.
/// Stops by itself (warm-up + reps × 2 × seconds).
/// </summary>
internal static class PassThroughLoad
{
    private static readonly byte[] Body = Encoding.ASCII.GetBytes(new string('s', 1024));

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var reps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        var extraYaml = Environment.GetEnvironmentVariable("PASSTHROUGH_YAML") ?? "";

        await using var origin = await StartOriginAsync();
        var originPort = new Uri(origin.Urls.First()).Port;
        var dir = Path.Combine(Path.GetTempPath(), "rempart-passthrough-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var configPath = Path.Combine(dir, "rempart.yaml");
        await File.WriteAllTextAsync(configPath, $"""
            listen: ["http://127.0.0.1:0"]
            admin: {"{"} enabled: false {"}"}
            data_dir: {dir}/data
            logs: {"{"} access: {"{"} target: "off" {"}"} {"}"}
            origins:
              app:
                targets: ["http://127.0.0.1:{originPort}"]
            routes:
              - match: {"{"} hosts: ["*"], paths: ["/"] {"}"}
                origin: app
                cache: disabled
                web_acl: none
            shield: {"{"} detection: {"{"} rate_floor: 100000000 {"}"} {"}"}
            {extraYaml}
            """);
        var host = await GatewayHost.StartAsync(new GatewayHostOptions { ConfigPath = configPath, WatchConfig = false, LoggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole()) });
        try
        {
            var direct = new IPEndPoint(IPAddress.Loopback, originPort);
            var proxied = new IPEndPoint(IPAddress.Loopback, host.GatewayAddresses[0].Port);
            Console.WriteLine($"warm-up {Math.Max(10, seconds * 2)} s through Rempart, {seconds} s direct; {connections} connections");
            await DriveAsync(proxied, connections, TimeSpan.FromSeconds(Math.Max(10, seconds * 2)));
            await DriveAsync(direct, connections, TimeSpan.FromSeconds(seconds));

            var directRuns = new List<(double Cpu, double Bytes)>();
            var proxiedRuns = new List<(double Cpu, double Bytes)>();
            for (var rep = 0; rep < reps; rep++)
            {
                directRuns.Add(await MeasureAsync(direct, connections, seconds, "direct  "));
                proxiedRuns.Add(await MeasureAsync(proxied, connections, seconds, "rempart "));
            }

            if (Environment.GetEnvironmentVariable("PASSTHROUGH_ALLOCS") == "1")
            {
                // A separate rep: the listener's own events would otherwise count in the figures.
                using var sampler = new AllocationSampler();
                sampler.Start();
                await DriveAsync(proxied, connections, TimeSpan.FromSeconds(seconds));
                sampler.Stop();
                foreach (var (type, share) in sampler.Top(25))
                {
                    Console.WriteLine(FormattableString.Invariant($"  {share,6:P1}  {type}"));
                }
            }

            var cpu = Median(proxiedRuns.Select(r => r.Cpu)) - Median(directRuns.Select(r => r.Cpu));
            var bytes = Median(proxiedRuns.Select(r => r.Bytes)) - Median(directRuns.Select(r => r.Bytes));
            Console.WriteLine(FormattableString.Invariant($"Rempart adds (median of {reps} reps): {cpu:F1} us CPU and {bytes:F0} bytes allocated per request"));
            return 0;
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static async Task<(double Cpu, double Bytes)> MeasureAsync(IPEndPoint target, int connections, int seconds, string label, string request = DefaultRequest)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var requests = await DriveAsync(target, connections, TimeSpan.FromSeconds(seconds), request);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / requests;
        var bytes = (double)(GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / requests;
        Console.WriteLine(FormattableString.Invariant($"{label} {requests / (double)seconds,8:F0} req/s {cpu,6:F1} us/req {bytes,7:F0} B/req"));
        return (cpu, bytes);
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static async Task<WebApplication> StartOriginAsync(byte[]? body = null, string? cacheControl = null)
    {
        body ??= Body;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => { k.AddServerHeader = false; k.Listen(IPAddress.Loopback, 0); });
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = body.Length;
            if (cacheControl is not null)
            {
                context.Response.Headers.CacheControl = cacheControl;
            }

            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>The request the clients repeat: <c>{0}</c> is the target's port.</summary>
    internal const string DefaultRequest = "GET /small HTTP/1.1\r\nHost: 127.0.0.1:{0}\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n";

    /// <summary>Keep-alive clients, one request at a time each, until the time is up; returns the responses read.</summary>
    internal static async Task<long> DriveAsync(IPEndPoint target, int connections, TimeSpan duration, string request = DefaultRequest)
    {
        using var stop = new CancellationTokenSource(duration);
        var counts = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(() => ClientAsync(target, request, stop.Token))));
        return counts.Sum();
    }

    private static async Task<long> ClientAsync(IPEndPoint target, string requestText, CancellationToken stop)
    {
        var request = Encoding.ASCII.GetBytes(string.Format(CultureInfo.InvariantCulture, requestText, target.Port));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(target);
        var buffer = new byte[16 * 1024];
        long done = 0;
        while (!stop.IsCancellationRequested)
        {
            await socket.SendAsync(request);
            await ReadResponseAsync(socket, buffer);
            done++;
        }

        return done;
    }

    private static async Task ReadResponseAsync(Socket socket, byte[] buffer)
    {
        var filled = 0;
        int headEnd;
        while ((headEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(filled));
            if (n == 0)
            {
                throw new IOException("connection closed mid-response");
            }

            filled += n;
        }

        var head = Encoding.ASCII.GetString(buffer, 0, headEnd);
        if (!head.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
        {
            throw new IOException("unexpected response: " + head.Split('\r')[0]);
        }

        var at = head.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
        var end = head.IndexOf('\r', at);
        var length = int.Parse(head.AsSpan(at + 15, (end < 0 ? head.Length : end) - at - 15).Trim(), CultureInfo.InvariantCulture);
        // Bodies larger than the buffer (64 KiB objects) are read through it and dropped.
        var remaining = headEnd + 4 + length - filled;
        while (remaining > 0)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)));
            if (n == 0)
            {
                throw new IOException("connection closed mid-body");
            }

            remaining -= n;
        }
    }
}
