using Rempart.Detection.Tests.TestData;

namespace Rempart.Detection.Tests.Corpus;

/// <summary>
/// The gotestwaf payload sets (shared/testdata/attacks/gotestwaf, read in place): the benign sets
/// must stay clean (at most 1 % flagged by either detector), and the SQLi and XSS sets are reported.
/// A payload is checked as written and once URL-decoded (%XX and '+'), since gotestwaf sends some
/// payloads pre-encoded and a WAF decodes once more before matching (t:urlDecodeUni in CRS).
/// </summary>
public sealed class GotestwafPayloadTests(ITestOutputHelper output)
{
    private const double FalsePositiveTarget = 1.0;

    [TestDataFact(GotestwafPayloads.Folder)]
    public void BenignSets_BothDetectors_FlagAtMostOnePercent()
    {
        var sql = new DetectionTally(output, "gotestwaf benign sets, SQLi detector (Low)", "flagged");
        var xss = new DetectionTally(output, "gotestwaf benign sets, XSS detector", "flagged");
        foreach (var file in SetFiles(benign: true))
        {
            var payloads = GotestwafPayloads.Read(file);
            sql.Add(file, payloads, p => SqlInjectionDetector.Detect(p).IsInjection, examplesAreHits: true);
            xss.Add(file, payloads, p => XssDetector.Detect(p).IsXss, examplesAreHits: true);
        }

        sql.Print("Flagged");
        xss.Print("Flagged");
        Assert.True(sql.Total > 0, "No benign payloads were read.");
        Assert.True(sql.Rate <= FalsePositiveTarget, $"SQLi detector flags {sql.Rate:F2} % of benign payloads.");
        Assert.True(xss.Rate <= FalsePositiveTarget, $"XSS detector flags {xss.Rate:F2} % of benign payloads.");
    }

    [TestDataFact(GotestwafPayloads.Folder)]
    public void AttackSets_SqlAndXssPayloads_AreAllDetected()
    {
        var sql = new DetectionTally(output, "gotestwaf SQLi payloads", "detected");
        var xss = new DetectionTally(output, "gotestwaf XSS payloads", "detected");
        foreach (var file in SetFiles(benign: false))
        {
            var name = Path.GetFileName(file);
            if (name.Contains("sql", StringComparison.OrdinalIgnoreCase))
            {
                sql.Add(file, GotestwafPayloads.Read(file), p => Either(p, s => SqlInjectionDetector.Detect(s).IsInjection));
            }
            else if (name.Contains("xss", StringComparison.OrdinalIgnoreCase))
            {
                xss.Add(file, GotestwafPayloads.Read(file), p => Either(p, s => XssDetector.Detect(s).IsXss));
            }
        }

        sql.Print("Missed");
        xss.Print("Missed");
        Assert.True(sql.Total > 0 && xss.Total > 0, "No SQLi or XSS payloads were read.");
        Assert.Equal(sql.Total, sql.Hits);
        Assert.Equal(xss.Total, xss.Hits);
    }

    private static bool Either(string payload, Func<string, bool> detect) =>
        detect(payload) || (payload.Contains('%', StringComparison.Ordinal) && detect(LibinjectionCorpus.UrlDecode(payload)));

    /// <summary>gotestwaf's rule: a set whose folder name contains "false" is benign.</summary>
    private static IEnumerable<string> SetFiles(bool benign) =>
        Directory.GetDirectories(GotestwafPayloads.Directory)
            .Where(d => Path.GetFileName(d).Contains("false", StringComparison.Ordinal) == benign)
            .SelectMany(d => Directory.GetFiles(d, "*.yml"))
            .OrderBy(f => f, StringComparer.Ordinal);
}
