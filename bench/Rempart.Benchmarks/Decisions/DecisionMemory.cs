using System.Net;
using Rempart.Gateway.Decisions;
using Rempart.Gateway.State;

namespace Rempart.Benchmarks.Decisions;

/// <summary>
/// `dotnet run -c Release --project bench/Rempart.Benchmarks -- decisions-memory [N]`: the memory one
/// active decision holds in the gateway (the index entry with its record, scope and strings, as
/// DecisionService builds them), measured as retained managed heap after a full collection, for N
/// IP bans (default 100,000) and N/10 CIDR bans; and the cost of a lookup in that index.
/// </summary>
public static class DecisionMemory
{
    public static int Run(string[] args)
    {
        var n = args.Length > 0 && int.TryParse(args[0], out var parsed) ? parsed : 100_000;
        var now = DateTimeOffset.UtcNow;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new DecisionIndex();
        for (var i = 0; i < n; i++)
        {
            Add(index, $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}", now);
        }

        var afterIps = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < n / 10; i++)
        {
            var network = (172u << 24 | 16u << 16) + ((uint)i << 4);
            Add(index, $"{network >> 24}.{(network >> 16) & 255}.{(network >> 8) & 255}.{network & 255}/28", now);
        }

        var afterCidrs = GC.GetTotalMemory(forceFullCollection: true);
        var probe = IPAddress.Parse("192.0.2.1");
        var hit = IPAddress.Parse("10.0.1.2");
        const int lookups = 2_000_000;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var found = 0;
        for (var i = 0; i < lookups; i++)
        {
            if (index.Match((i & 1) == 0 ? probe : hit, now, null) is not null)
            {
                found++;
            }
        }

        var perLookup = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalNanoseconds / lookups;
        Console.WriteLine($"decisions: {index.Count:N0} ({n:N0} IPs, {n / 10:N0} /28 CIDRs)");
        Console.WriteLine($"retained per IP decision:   {(afterIps - before) / (double)n:F0} bytes");
        Console.WriteLine($"retained per CIDR decision: {(afterCidrs - afterIps) / (double)(n / 10):F0} bytes");
        Console.WriteLine($"lookup (half hits, half misses, {found:N0} hits): {perLookup:F0} ns");
        GC.KeepAlive(index);
        return 0;
    }

    private static int Threshold = 50;

    private static void Add(DecisionIndex index, string scopeText, DateTimeOffset now)
    {
        DecisionScope.TryParse(scopeText, out var scope, out _);
        // A reason formatted per decision, as the automations write it (a literal would be shared and undercount).
        var guid = Guid.CreateVersion7().ToString("N");
        var record = new Decision(string.Concat(guid.AsSpan(0, 12), guid.AsSpan(20, 12)), scope.KindName, scope.Text, "ban", $"more than {Threshold} error responses (400/401/403/404/405) in a minute", "scanners", now, now.AddHours(4));
        index.Put(new ActiveDecision(record, scope, DecisionAction.Ban));
    }
}
