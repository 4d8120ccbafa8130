using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Rempart.SecLang.Engine;

namespace Rempart.Benchmarks.SecLang;

/// <summary>
/// The first CRS load in a fresh process — what a gateway pays at start: JIT of the parser, the builder and
/// every operator, plus regex construction. Each launch is a new process measured once (ColdStart).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class CrsFirstLoadBenchmarks
{
    private string _crsRoot = null!;

    [GlobalSetup]
    public void Setup() => _crsRoot = TestData.CrsRoot();

    [Benchmark(Description = "CRS first load in a process (JIT included)")]
    public RuleSet FirstLoad() => CrsSetup.Load(_crsRoot, CrsSetup.Options(new RegexCache()));
}
