using System.Diagnostics;
using Rempart.Benchmarks.Requests;
using Rempart.SecLang.Engine;

namespace Rempart.Benchmarks.SecLang;

/// <summary>
/// <c>crs-cpu [seconds] [json|form|browser|bare]</c>: process CPU time and bytes allocated per request for one CRS PL1
/// case, driven as the gateway drives it (phases 1–2, then 5), on one thread for the given time after a warm-up.
/// CPU time rather than wall time, so a machine shared with other work still gives a usable figure (the
/// background NonBacktracking rebuilds are counted too). Used for the JSON before/after figures in docs/seclang.md.
/// </summary>
public static class CrsCpuPerRequest
{
    public static int Run(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 15;
        var shape = args.Length > 1 ? args[1] : "json";
        var rules = CrsSetup.Load(TestData.CrsRoot(), CrsSetup.Options(new RegexCache()));
        var (target, body, headers) = shape switch
        {
            "form" => ("/checkout", SampleRequests.Form(1024), SampleRequests.PostHeaders("application/x-www-form-urlencoded", 1024)),
            "bare" => ("/", Array.Empty<byte>(), SampleRequests.BareHeaders),
            "browser" => ($"{SampleRequests.BrowserPath}?{SampleRequests.BrowserQuery}", Array.Empty<byte>(), SampleRequests.BrowserHeaders),
            _ => ("/api/orders", SampleRequests.Json(64 * 1024), SampleRequests.PostHeaders("application/json", SampleRequests.Json(64 * 1024).Length)),
        };

        void Once()
        {
            var tx = rules.NewTransaction("cpu");
            tx.ProcessConnection("203.0.113.10", 50123, "192.0.2.1", 443);
            tx.ProcessUri(target, body.Length > 0 ? "POST" : "GET", "HTTP/1.1");
            foreach (var (name, value) in headers)
            {
                tx.AddRequestHeader(name, value);
            }

            if (tx.ProcessRequestHeaders() is null && (body.Length == 0 || tx.AppendRequestBody(body) is null))
            {
                tx.ProcessRequestBody();
            }

            tx.ProcessLogging();
        }

        // Warm-up: JIT, and the patterns this traffic makes expensive moving to NonBacktracking (their one-time build
        // would otherwise be charged to the measured requests); a second of no new upgrade ends it (at most 30 s).
        var warm = Stopwatch.StartNew();
        var settled = Stopwatch.StartNew();
        var upgraded = -1;
        while (warm.Elapsed.TotalSeconds < 30 && settled.Elapsed.TotalSeconds < 1)
        {
            Once();
            if (AdaptiveRegex.Upgraded != upgraded)
            {
                upgraded = AdaptiveRegex.Upgraded;
                settled.Restart();
            }
        }

        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var n = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Once();
            n++;
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpu0;
        Console.WriteLine($"CRS PL1 {shape}: {n} requests, CPU {cpu.TotalMilliseconds / n:F2} ms/request, wall {clock.Elapsed.TotalMilliseconds / n:F2} ms/request, "
            + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated0) / n / 1024.0:F0} KiB allocated/request, {AdaptiveRegex.Upgraded} patterns on NonBacktracking");
        return 0;
    }
}
