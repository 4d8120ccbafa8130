using System.Text;
using Rempart.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rempart.Gateway.Tests.Conformance;

/// <summary>
/// The gotestwaf attack and benign sets (../shared/testdata/attacks) through a running gateway
/// with the embedded-default managed rule groups. Prints the share of attacks blocked and of
/// benign requests passed, per set and file, and every bypass; asserts that benign traffic is
/// never blocked and that attack blocking does not fall below what was measured.
/// </summary>
public class GotestwafConformanceTests(ITestOutputHelper output)
{
    /// <summary>Measured on 2026-11-28; raise it when the rules get better, never lower it to pass.</summary>
    private const double AttackBlockedFloor = 0.90;

    [SharedDataFact("attacks/gotestwaf")]
    public async Task DefaultProfile_BlocksAttacks_AndPassesEveryBenignRequest()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync($$"""
            logs: { access: { target: "off" } }
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: default
            """);
        var runner = new GotestwafRunner(gw.Client);
        var root = Path.Combine(SharedTestData.Root!, "attacks", "gotestwaf");
        var results = new List<GotestwafResult>();
        foreach (var file in Directory.GetFiles(root, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            results.AddRange(await runner.RunAsync(GotestwafCase.Load(file)));
        }

        var report = Report(results);
        output.WriteLine(report);
        var attacks = results.Where(r => !r.Case.IsBenign && r.Verdict is GotestwafVerdict.Blocked or GotestwafVerdict.Passed).ToList();
        var benign = results.Where(r => r.Case.IsBenign && r.Verdict is GotestwafVerdict.Blocked or GotestwafVerdict.Passed).ToList();
        var blockedShare = attacks.Count(r => r.Verdict == GotestwafVerdict.Blocked) / (double)attacks.Count;

        Assert.True(benign.Count > 0 && attacks.Count > 0, report);
        Assert.True(benign.All(r => r.Verdict == GotestwafVerdict.Passed), "benign requests were blocked:\n" + report);
        Assert.True(blockedShare >= AttackBlockedFloor, $"attacks blocked {blockedShare:P1} < floor {AttackBlockedFloor:P0}\n{report}");
    }

    private static string Report(List<GotestwafResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("set/case | requests | blocked | passed | unresolved | failed | skipped | score");
        foreach (var group in results.GroupBy(r => (r.Case.Set, r.Case.Name)).OrderBy(g => g.Key))
        {
            sb.AppendLine(Line($"{group.Key.Set}/{group.Key.Name}", group.ToList()));
        }

        foreach (var set in results.GroupBy(r => r.Case.Set).OrderBy(g => g.Key))
        {
            sb.AppendLine(Line($"SET {set.Key}", set.ToList()));
        }

        sb.AppendLine(Line("ALL attacks", results.Where(r => !r.Case.IsBenign).ToList()));
        sb.AppendLine(Line("ALL benign", results.Where(r => r.Case.IsBenign).ToList()));
        sb.AppendLine("Bypasses and false positives:");
        foreach (var r in results.Where(r => r.Case.IsBenign ? r.Verdict == GotestwafVerdict.Blocked : r.Verdict != GotestwafVerdict.Blocked && r.Verdict != GotestwafVerdict.Skipped))
        {
            var p = r.Payload.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
            sb.AppendLine($"  {r.Case.Set}/{r.Case.Name} {r.Encoder} {r.Placeholder} -> {r.Verdict} {r.Status}: {(p.Length > 100 ? p[..100] + "…" : p)}");
        }

        return sb.ToString();
    }

    private static string Line(string name, List<GotestwafResult> rows)
    {
        int C(GotestwafVerdict v) => rows.Count(r => r.Verdict == v);
        var resolved = C(GotestwafVerdict.Blocked) + C(GotestwafVerdict.Passed);
        var benign = rows.Count > 0 && rows[0].Case.IsBenign && rows.All(r => r.Case.IsBenign);
        var score = resolved == 0 ? "-" : ((benign ? C(GotestwafVerdict.Passed) : C(GotestwafVerdict.Blocked)) / (double)resolved).ToString("P1", System.Globalization.CultureInfo.InvariantCulture);
        return $"{name} | {rows.Count} | {C(GotestwafVerdict.Blocked)} | {C(GotestwafVerdict.Passed)} | {C(GotestwafVerdict.Unresolved)} | {C(GotestwafVerdict.Failed)} | {C(GotestwafVerdict.Skipped)} | {score}";
    }
}
