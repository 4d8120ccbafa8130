using BenchmarkDotNet.Attributes;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Functions;
using Rempart.Gateway.Functions;
using Rempart.Gateway.Functions.Edge;

namespace Rempart.Benchmarks.Functions;

/// <summary>
/// Per-invocation cost of an edge function as the gateway runs it: build the CloudFront event in a
/// pooled Jint engine, call handler(event), read the result back (checks included), under the
/// default edge limits. Trivial: returns the request untouched; HeaderRewrite: adds a header and
/// rewrites the uri (a typical CloudFront Function).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EdgeFunctionBenchmarks
{
    private static readonly EdgeContext Context = new("www.example.com", "rempart", "bench", "203.0.113.7");
    private static readonly EdgeRequest Request = new("GET", "/index", [new("page", "2")],
        [new("host", "www.example.com"), new("user-agent", "Mozilla/5.0 (X11; Linux x86_64)"), new("accept", "text/html"), new("accept-language", "en")],
        [new("session", "abc")]);

    private FunctionRuntime _trivial = null!;
    private FunctionRuntime _rewrite = null!;

    [GlobalSetup]
    public void Setup()
    {
        _trivial = Runtime("function handler(event) { return event.request; }");
        _rewrite = Runtime("""
            function handler(event) {
              var request = event.request;
              request.headers['x-viewer-ip'] = { value: event.viewer.ip };
              if (!request.uri.includes('.')) { request.uri += '/index.html'; }
              return request;
            }
            """);
    }

    [Benchmark(Baseline = true)]
    public EdgeResult? Trivial() => Invoke(_trivial);

    [Benchmark]
    public EdgeResult? HeaderRewrite() => Invoke(_rewrite);

    private static EdgeResult? Invoke(FunctionRuntime runtime) =>
        runtime.Invoke(Request, (e, r) => CloudFrontEvent.ViewerRequest(e, Context, r), (_, result, r, _) => CloudFrontEvent.ReadViewerRequestResult(result, r)).Value;

    private static FunctionRuntime Runtime(string code)
    {
        var errors = new List<ConfigError>();
        var source = FunctionScriptParser.Parse("bench", code, "inline", "bench.js", 0, 0, "functions.bench", errors)
            ?? throw new InvalidOperationException(string.Join("; ", errors));
        return new FunctionRuntime(source, FunctionLimits.For(FunctionTrigger.ViewerRequest, new FunctionLimitsConfig()));
    }
}
