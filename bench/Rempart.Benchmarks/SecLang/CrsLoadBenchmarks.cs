using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Rempart.SecLang.Engine;

namespace Rempart.Benchmarks.SecLang;

/// <summary>
/// Time to parse and build CRS v4 (crs-setup.conf.example + rules/*.conf, PL1, blocking) into a
/// <see cref="RuleSet"/>, JIT already warm: with an empty regex cache (a first load: every pattern is
/// translated and constructed) and with a cache holding the patterns (a hot reload of the same rules).
/// One operation is hundreds of milliseconds, so each iteration is one load (Monitoring strategy).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class CrsLoadBenchmarks
{
    private string _crsRoot = null!;
    private RegexCache _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _crsRoot = TestData.CrsRoot();
        _warm = new RegexCache();
        var rules = CrsSetup.Load(_crsRoot, CrsSetup.Options(_warm));
        Console.WriteLine($"// CRS from {_crsRoot}: {rules.Rules.Count} rules and markers, {_warm.Count} distinct regexes");
    }

    [Benchmark(Description = "CRS load, empty regex cache")]
    public RuleSet LoadColdRegexCache() => CrsSetup.Load(_crsRoot, CrsSetup.Options(new RegexCache()));

    [Benchmark(Description = "CRS reload, regex cache warm")]
    public RuleSet LoadWarmRegexCache() => CrsSetup.Load(_crsRoot, CrsSetup.Options(_warm));
}
