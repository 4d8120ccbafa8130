using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Rempart.Caching.Tests.Conformance;

/// <summary>
/// The HTTP caching test suite replayed against the engine (see <see cref="CacheTestsRunner"/>).
/// Needs the suite exported to JSON: set REMPART_CACHE_TESTS_JSON (docs/cache.md says how);
/// absent, the test is reported as skipped. Every required failure must be listed with its reason
/// in known-failures.txt, so a regression fails here and a fix asks for the list to shrink.
/// </summary>
public sealed class CacheTestsSuiteTests(ITestOutputHelper output)
{
    private const string Variable = "REMPART_CACHE_TESTS_JSON";

    [CacheTestsFact]
    public void Suite_RequiredFailures_AreExactlyTheKnownOnes()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Environment.GetEnvironmentVariable(Variable)!));
        var tests = doc.RootElement.GetProperty("suites").EnumerateArray().SelectMany(s => s.GetProperty("tests").EnumerateArray()).ToList();
        var byId = tests.ToDictionary(t => t.GetProperty("id").GetString()!);
        var results = new CacheTestsRunner(CachePolicy.Default).RunAll(tests);

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var requiredFailures = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var report = new StringBuilder();
        foreach (var (id, verdict) in results)
        {
            var kind = byId[id].TryGetProperty("kind", out var k) ? k.GetString()! : "required";
            var outcome = Classify(id, verdict, byId, results);
            counts[$"{kind} {outcome}"] = counts.GetValueOrDefault($"{kind} {outcome}") + 1;
            if (outcome != "pass")
            {
                report.AppendLine($"{kind,-9} {outcome,-17} {id}: {verdict.Kind} {verdict.Message}");
            }
            if (kind == "required" && outcome == "fail")
            {
                requiredFailures[id] = verdict.Message;
            }
        }
        output.WriteLine($"http-cache-tests {doc.RootElement.GetProperty("version").GetString()}: {results.Count} tests run");
        foreach (var (key, count) in counts)
        {
            output.WriteLine($"  {key}: {count}");
        }
        output.WriteLine(report.ToString());

        // For the record: the figures with every RFC preference switched on (no assertion).
        var strict = CachePolicy.Default with { HonorRequestDirectives = true, AuthorizedRequests = AuthorizedRequestMode.FollowRfc };
        var strictResults = new CacheTestsRunner(strict).RunAll(tests);
        var strictCounts = strictResults
            .GroupBy(r => (byId[r.Key].TryGetProperty("kind", out var k) ? k.GetString()! : "required") + " " + Classify(r.Key, r.Value, byId, strictResults))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine("with honor_request_directives and authorized_requests: rfc — " + string.Join(", ", strictCounts));

        var known = KnownFailures();
        var unexpected = requiredFailures.Keys.Except(known.Keys).Select(id => $"{id}: {requiredFailures[id]}").ToList();
        var fixedNow = known.Keys.Except(requiredFailures.Keys).ToList();
        Assert.True(unexpected.Count == 0, "new required failures:\n" + string.Join('\n', unexpected));
        Assert.True(fixedNow.Count == 0, "these now pass; remove them from known-failures.txt: " + string.Join(", ", fixedNow));
    }

    /// <summary>lib/display.mjs determineTestResult: dependencies first, then setup, then kind.</summary>
    private static string Classify(string id, TestVerdict verdict, Dictionary<string, JsonElement> byId, Dictionary<string, TestVerdict> results)
    {
        if (byId[id].TryGetProperty("depends_on", out var deps))
        {
            foreach (var dep in deps.EnumerateArray())
            {
                var depId = dep.GetString()!;
                if (!results.TryGetValue(depId, out var depVerdict) || Classify(depId, depVerdict, byId, results) != "pass")
                {
                    return "dependency-failed";
                }
            }
        }
        if (verdict.Passed)
        {
            return "pass";
        }
        return verdict.Kind == "Setup" ? (verdict.Message == "retry" ? "retry" : "setup-failed") : "fail";
    }

    private static Dictionary<string, string> KnownFailures()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conformance", "known-failures.txt");
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var space = line.IndexOf(' ');
            Assert.True(space > 0, $"known-failures.txt: '{line}' needs a reason after the test id");
            known[line[..space]] = line[(space + 1)..].Trim();
        }
        return known;
    }

    /// <summary>Skips with the reason when the exported suite is not available.</summary>
    private sealed class CacheTestsFactAttribute : FactAttribute
    {
        public CacheTestsFactAttribute()
        {
            var path = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                Skip = $"{Variable} is not set to an exported http-cache-tests JSON (see docs/cache.md, 'Conformance')";
            }
        }
    }
}
