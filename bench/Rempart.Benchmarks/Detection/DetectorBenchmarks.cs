using BenchmarkDotNet.Attributes;
using Rempart.Detection;

namespace Rempart.Benchmarks.Detection;

/// <summary>
/// The SQL injection and XSS detectors on short inputs, the size of a typical argument: benign text that
/// still contains quotes and punctuation, and a classic attack. Setup checks the verdicts.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class DetectorBenchmarks
{
    private const string BenignText = "O'Brien's bakery, open 9-17 (Mon-Fri) & weekends";
    private const string BenignHtmlish = "Size 42 <b>only</b> if the colour is \"blue\"; price < 60 EUR";
    private const string SqliAttack = "1' UNION SELECT username, password FROM users--";
    private const string XssAttack = "\"><img src=x onerror=alert(document.cookie)>";

    [GlobalSetup]
    public void Setup()
    {
        Check(!SqlInjectionDetector.Detect(BenignText).IsInjection, "SQLi detector flags the benign text");
        Check(SqlInjectionDetector.Detect(SqliAttack).IsInjection, "SQLi detector misses the attack");
        Check(!XssDetector.Detect(BenignHtmlish).IsXss, "XSS detector flags the benign text");
        Check(XssDetector.Detect(XssAttack).IsXss, "XSS detector misses the attack");
    }

    [Benchmark(Description = "SQLi benign (48 chars)")]
    public SqlInjectionResult SqliBenign() => SqlInjectionDetector.Detect(BenignText);

    [Benchmark(Description = "SQLi attack (47 chars)")]
    public SqlInjectionResult SqliAttackInput() => SqlInjectionDetector.Detect(SqliAttack);

    [Benchmark(Description = "XSS benign (59 chars)")]
    public XssResult XssBenign() => XssDetector.Detect(BenignHtmlish);

    [Benchmark(Description = "XSS attack (44 chars)")]
    public XssResult XssAttackInput() => XssDetector.Detect(XssAttack);

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
