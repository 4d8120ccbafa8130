using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Rempart.Benchmarks.Proxy;
using Rempart.Gateway.Hosting;

namespace Rempart.Benchmarks.Cache;

/// <summary>
/// CPU and allocation per cache hit, in one process (the in-process counterpart of
/// bench/cache-bench.sh, for before/after comparisons of one change on a shared machine): a real
/// Rempart with the cache-bench route (<c>cache: default</c>, <c>web_acl: none</c>, access log off)
/// in front of a Kestrel origin answering <c>size</c> bytes with <c>max-age=3600</c>, driven by
/// PassThroughLoad's keep-alive raw-socket clients. Reps alternate the origin itself (Kestrel writing
/// the body from memory: the floor any .NET server pays) and Rempart hits. Extra request header lines
/// come from <c>CACHEHIT_HEADERS</c> (e.g. <c>Accept-Encoding: gzip, deflate, br</c>);
/// <c>CACHEHIT_ALLOCS=1</c> adds a rep sampled by allocated type.
/// Run: <c>dotnet run -c Release --project bench/Rempart.Benchmarks -- cachehit [size] [seconds] [reps] [connections]</c>.
/// </summary>
internal static class CacheHitLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 64 * 1024;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var reps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var connections = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16;
        var extra = Environment.GetEnvironmentVariable("CACHEHIT_HEADERS") is { Length: > 0 } h ? h.Replace("\\n", "\r\n", StringComparison.Ordinal) + "\r\n" : "";
        var request = "GET /small HTTP/1.1\r\nHost: 127.0.0.1:{0}\r\nUser-Agent: wrk\r\nAccept: */*\r\n" + extra + "\r\n";

        await using var origin = await PassThroughLoad.StartOriginAsync(Encoding.ASCII.GetBytes(new string('c', size)), "public, max-age=3600");
        var originPort = new Uri(origin.Urls.First()).Port;
        var dir = Path.Combine(Path.GetTempPath(), "rempart-cachehit-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var configPath = Path.Combine(dir, "rempart.yaml");
        await File.WriteAllTextAsync(configPath, $$"""
            listen: ["http://127.0.0.1:0"]
            admin: { enabled: false }
            data_dir: {{dir}}/data
            logs: { access: { target: "off" } }
            origins:
              app:
                targets: ["http://127.0.0.1:{{originPort}}"]
            routes:
              - match: { hosts: ["*"], paths: ["/"] }
                origin: app
                cache: default
                web_acl: none
            shield: { detection: { rate_floor: 100000000 } }
            """);
        // The gateway's host never enables ASP.NET's per-request hosting diagnostics (GatewayLoggerFactory).
        var host = await GatewayHost.StartAsync(new GatewayHostOptions { ConfigPath = configPath, WatchConfig = false, LoggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole()) });
        try
        {
            var direct = new IPEndPoint(IPAddress.Loopback, originPort);
            var proxied = new IPEndPoint(IPAddress.Loopback, host.GatewayAddresses[0].Port);
            // The fill (possibly compressed at the edge: chunked) goes through HttpClient; the raw clients only ever see hits.
            using (var http = new HttpClient())
            using (var fill = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{proxied.Port}/small"))
            {
                foreach (var line in extra.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
                {
                    fill.Headers.TryAddWithoutValidation(line[..line.IndexOf(':', StringComparison.Ordinal)], line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                }

                (await http.SendAsync(fill)).EnsureSuccessStatusCode();
            }

            Console.WriteLine($"{size} B objects; warm-up {Math.Max(10, seconds * 2)} s of hits, {seconds} s direct; {connections} connections");
            await PassThroughLoad.DriveAsync(proxied, connections, TimeSpan.FromSeconds(Math.Max(10, seconds * 2)), request);
            await PassThroughLoad.DriveAsync(direct, connections, TimeSpan.FromSeconds(seconds), request);

            var directRuns = new List<(double Cpu, double Bytes)>();
            var hitRuns = new List<(double Cpu, double Bytes)>();
            for (var rep = 0; rep < reps; rep++)
            {
                directRuns.Add(await PassThroughLoad.MeasureAsync(direct, connections, seconds, "origin  ", request));
                hitRuns.Add(await PassThroughLoad.MeasureAsync(proxied, connections, seconds, "hit     ", request));
            }

            if (Environment.GetEnvironmentVariable("CACHEHIT_ALLOCS") == "1")
            {
                using var sampler = new AllocationSampler();
                sampler.Start();
                await PassThroughLoad.DriveAsync(proxied, connections, TimeSpan.FromSeconds(seconds), request);
                sampler.Stop();
                foreach (var (type, share) in sampler.Top(25))
                {
                    Console.WriteLine(FormattableString.Invariant($"  {share,6:P1}  {type}"));
                }
            }

            var hitCpu = PassThroughLoad.Median(hitRuns.Select(r => r.Cpu));
            var hitBytes = PassThroughLoad.Median(hitRuns.Select(r => r.Bytes));
            var originCpu = PassThroughLoad.Median(directRuns.Select(r => r.Cpu));
            var originBytes = PassThroughLoad.Median(directRuns.Select(r => r.Bytes));
            Console.WriteLine(FormattableString.Invariant($"median of {reps} reps: a hit {hitCpu:F1} us CPU, {hitBytes:F0} B allocated; the origin serving the same body {originCpu:F1} us, {originBytes:F0} B (hit / origin CPU {hitCpu / originCpu:F2})"));
            return 0;
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }
}
