using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Rempart.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher, so <c>--filter '*Waf*'</c>, <c>--list flat</c> and the other
/// switches work. One class per area (WAF, detectors, CRS load, CRS per request); each class carries its
/// own short job so the whole suite stays within minutes on a shared 2-core machine.
/// Results go to <c>artifacts/benchmarks</c> at the repository root (ignored by git) unless
/// <c>--artifacts</c> says otherwise.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["passthrough", .. var rest])
        {
            return Proxy.PassThroughLoad.RunAsync(rest).GetAwaiter().GetResult();
        }

        if (args is ["decisions-memory", .. var sizes])
        {
            return Decisions.DecisionMemory.Run(sizes);
        }

        if (args is ["crs-cpu", .. var crsArgs])
        {
            return SecLang.CrsCpuPerRequest.Run(crsArgs);
        }

        if (args is ["cachehit", .. var hitArgs])
        {
            return Cache.CacheHitLoad.RunAsync(hitArgs).GetAwaiter().GetResult();
        }

        var config = DefaultConfig.Instance;
        if (!args.Contains("--artifacts", StringComparer.Ordinal))
        {
            config = config.WithArtifactsPath(Path.Combine(TestData.RepositoryRoot(), "artifacts", "benchmarks"));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
