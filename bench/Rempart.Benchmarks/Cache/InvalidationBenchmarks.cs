using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Rempart.Caching;
using Rempart.Caching.Http;
using Rempart.Caching.Invalidation;
using Rempart.Caching.Storage;

namespace Rempart.Benchmarks.Cache;

/// <summary>
/// Path invalidation on the node as the admin API runs it (<see cref="CacheEngine.Invalidate"/> on the
/// memory tier), at 20k, 200k and 1M stored URLs: a wildcard matching 1% of them (<c>/img/*</c>), one
/// matching 100 (<c>/hot/*</c>), an exact path, and — as the baseline — the scan the path index replaced
/// (one predicate over every entry). Each iteration removes the entries and the setup puts them back.
/// In process: filling a million entries per launch is the slow part, and an out-of-process build
/// timed out on the shared machine.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class InvalidationBenchmarks
{
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true))
            .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10).WithInvocationCount(1).WithUnrollFactor(1));
    }

    private static readonly CacheInvalidation Img = new() { Paths = ["/img/*"] };
    private static readonly CacheInvalidation Hot = new() { Paths = ["/hot/*"] };
    private static readonly CacheInvalidation Exact = new() { Paths = ["/p/12345.html"] };

    private MemoryCacheStore _store = null!;
    private CacheEngine _engine = null!;
    private List<CacheEntry> _removable = null!;

    [Params(20_000, 200_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new MemoryCacheStore(long.MaxValue / 2, 1024);
        _engine = new CacheEngine(_store, TimeProvider.System);
        _removable = [];
        var headers = HeaderList.Of(("Cache-Control", "max-age=3600"), ("Content-Type", "text/html"));
        var body = new MemoryCacheBody([]);
        for (var i = 0; i < Entries; i++)
        {
            var path = i < 100 ? $"/hot/{i}.css" : i % 100 == 0 ? $"/img/{i}.png" : $"/p/{i}.html";
            var entry = new CacheEntry(Guid.NewGuid(), new CacheKey("https://www.example.test" + path, ""), "www.example.test", path, [], 200, headers,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, body, [], []);
            _store.PutAsync(entry, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            if (!path.StartsWith("/p/", StringComparison.Ordinal) || path == "/p/12345.html")
            {
                _removable.Add(entry);
            }
        }
    }

    [IterationSetup]
    public void PutBack()
    {
        foreach (var entry in _removable)
        {
            _store.PutAsync(entry, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true)]
    public int Scan_Img() => _store.RemoveWhere(static e => e.Path.StartsWith("/img/", StringComparison.Ordinal));

    [Benchmark]
    public int Wildcard_Img() => _engine.Invalidate(Img);

    [Benchmark]
    public int Wildcard_Hot() => _engine.Invalidate(Hot);

    [Benchmark]
    public int ExactPath() => _engine.Invalidate(Exact);
}
