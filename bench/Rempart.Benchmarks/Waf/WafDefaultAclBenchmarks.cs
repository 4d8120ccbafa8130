using BenchmarkDotNet.Attributes;
using Rempart.Benchmarks.Requests;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Waf;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Benchmarks.Waf;

/// <summary>
/// One request through the built-in <c>default</c> web ACL, as <c>WafMiddleware</c> does it: a fresh
/// <see cref="WafEvaluationContext"/> (lazy parsing, transformation cache, budget),
/// <see cref="WafEvaluator.Evaluate"/>, and the release of its per-thread caches. The <see cref="WafRequest"/> is built once (the host's cost of copying
/// Kestrel's headers is not part of the engine). Setup checks each request gets the verdict it should.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
public class WafDefaultAclBenchmarks
{
    private WebAclModel _acl = null!;
    private WafRequest _browserGet = null!;
    private WafRequest _formPost = null!;
    private WafRequest _jsonPost = null!;
    private WafRequest _jsonPostSmallValues = null!;
    private WafRequest _sqliGet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _acl = WafModelCompiler.Compile(new GatewayConfig(), new RateCounterStore(TimeProvider.System))[WafModelCompiler.DefaultAclName];
        _browserGet = Get(SampleRequests.BrowserQuery);
        _sqliGet = Get(SampleRequests.AttackQuery);
        _formPost = Post("/checkout", "application/x-www-form-urlencoded", SampleRequests.Form(1024));
        _jsonPost = Post("/api/orders", "application/json", SampleRequests.Json(16 * 1024));
        _jsonPostSmallValues = Post("/api/orders", "application/json", SampleRequests.Json(16 * 1024, manySmallValues: true));

        Expect(_browserGet, WafActionKind.Allow);
        Expect(_formPost, WafActionKind.Allow);
        Expect(_jsonPost, WafActionKind.Allow);
        Expect(_jsonPostSmallValues, WafActionKind.Allow);
        Expect(_sqliGet, WafActionKind.Block);
    }

    [Benchmark(Description = "benign browser GET (2 args, 16 headers)")]
    public WafVerdict BrowserGet() => Evaluate(_browserGet);

    [Benchmark(Description = "benign form POST (1 KiB urlencoded)")]
    public WafVerdict FormPost1K() => Evaluate(_formPost);

    [Benchmark(Description = "benign JSON POST (16 KiB, 192 values)")]
    public WafVerdict JsonPost16K() => Evaluate(_jsonPost);

    [Benchmark(Description = "benign JSON POST (16 KiB, 773 short values)")]
    public WafVerdict JsonPost16KSmallValues() => Evaluate(_jsonPostSmallValues);

    [Benchmark(Description = "attack GET (SQLi in a query arg)")]
    public WafVerdict SqliGet() => Evaluate(_sqliGet);

    private WafVerdict Evaluate(WafRequest request)
    {
        var context = new WafEvaluationContext(request, _acl.Budget);
        var verdict = WafEvaluator.Evaluate(_acl, context, hasValidChallengeToken: false);
        context.Release();
        return verdict;
    }

    private void Expect(WafRequest request, WafActionKind expected)
    {
        var verdict = Evaluate(request);
        if (verdict.Action.Kind != expected)
        {
            throw new InvalidOperationException($"{request.Method} {request.Path}?{request.QueryString}: expected {expected}, got {verdict.Action.Kind} by {verdict.TerminatingRule}.");
        }
    }

    private static WafRequest Get(string query) => new()
    {
        Method = "GET",
        Path = SampleRequests.BrowserPath,
        QueryString = query,
        Headers = SampleRequests.BrowserHeaders,
        ClientIp = System.Net.IPAddress.Parse("203.0.113.10"),
    };

    private static WafRequest Post(string path, string contentType, byte[] body) => new()
    {
        Method = "POST",
        Path = path,
        Headers = SampleRequests.PostHeaders(contentType, body.Length),
        ClientIp = System.Net.IPAddress.Parse("203.0.113.10"),
        Body = body,
    };
}
