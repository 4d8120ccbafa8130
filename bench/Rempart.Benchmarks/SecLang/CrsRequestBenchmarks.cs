using System.Globalization;
using BenchmarkDotNet.Attributes;
using Rempart.Benchmarks.Requests;
using Rempart.SecLang.Engine;

namespace Rempart.Benchmarks.SecLang;

/// <summary>
/// The per-request CPU cost of CRS v4 at paranoia level 1 in blocking mode: one <see cref="Transaction"/> per
/// request, driven as a host would (connection, request line, headers, phase 1, body, phase 2), and for two
/// GETs also the response side (headers, a 1 KiB HTML body, phases 3–5) — the set-up of the ModSecurity figure
/// in ../shared/peers/README.md. The rule set is loaded once. Setup checks that benign requests pass and the
/// attack is interrupted, and prints the anomaly scores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
public class CrsRequestBenchmarks
{
    private static readonly KeyValuePair<string, string>[] ResponseHeaders =
    [
        new("Content-Type", "text/html; charset=utf-8"),
        new("Content-Length", "1024"),
        new("Cache-Control", "no-store"),
        new("Date", "Tue, 01 Dec 2026 10:00:00 GMT"),
    ];

    private RuleSet _rules = null!;
    private KeyValuePair<string, string>[] _formHeaders = null!;
    private KeyValuePair<string, string>[] _jsonHeaders = null!;
    private byte[] _form = null!;
    private byte[] _json = null!;
    private byte[] _html = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rules = CrsSetup.Load(TestData.CrsRoot(), CrsSetup.Options(new RegexCache()));
        _form = SampleRequests.Form(1024);
        _json = SampleRequests.Json(64 * 1024);
        _html = SampleRequests.Html(1024);
        _formHeaders = SampleRequests.PostHeaders("application/x-www-form-urlencoded", _form.Length);
        _jsonHeaders = SampleRequests.PostHeaders("application/json", _json.Length);

        Report("bare GET", BareGetAllPhases(), expectBlock: false);
        Report("browser GET", BrowserGetAllPhases(), expectBlock: false);
        Report("form POST", FormPost1K(), expectBlock: false);
        Report("JSON POST", JsonPost64K(), expectBlock: false);
        Report("SQLi GET", SqliGet(), expectBlock: true);
    }

    [Benchmark(Description = "bare GET (Host only), phases 1-2")]
    public Transaction BareGet() => Request("/", "GET", SampleRequests.BareHeaders, []);

    [Benchmark(Description = "browser GET (2 args, 16 headers), phases 1-2")]
    public Transaction BrowserGet() => Request($"{SampleRequests.BrowserPath}?{SampleRequests.BrowserQuery}", "GET", SampleRequests.BrowserHeaders, []);

    [Benchmark(Description = "form POST (1 KiB urlencoded), phases 1-2")]
    public Transaction FormPost1K() => Request("/checkout", "POST", _formHeaders, _form);

    [Benchmark(Description = "JSON POST (64 KiB, 759 values), phases 1-2")]
    public Transaction JsonPost64K() => Request("/api/orders", "POST", _jsonHeaders, _json);

    /// <summary>The JSON POST as the gateway runs it: phase 5 ends every transaction and hands its transformation cache back to the pool.</summary>
    [Benchmark(Description = "JSON POST (64 KiB, 759 values), phases 1-2 + 5")]
    public Transaction JsonPost64KWithLogging()
    {
        var tx = JsonPost64K();
        tx.ProcessLogging();
        return tx;
    }

    [Benchmark(Description = "attack GET (SQLi arg, blocked), phases 1-2")]
    public Transaction SqliGet() => Request($"{SampleRequests.BrowserPath}?{SampleRequests.AttackQuery}", "GET", SampleRequests.BrowserHeaders, []);

    [Benchmark(Description = "bare GET + 1 KiB HTML response, phases 1-5")]
    public Transaction BareGetAllPhases() => Respond(BareGet());

    [Benchmark(Description = "browser GET + 1 KiB HTML response, phases 1-5")]
    public Transaction BrowserGetAllPhases() => Respond(BrowserGet());

    private Transaction Request(string target, string method, KeyValuePair<string, string>[] headers, byte[] body)
    {
        var tx = _rules.NewTransaction("bench-request");
        tx.ProcessConnection("203.0.113.10", 50123, "192.0.2.1", 443);
        tx.ProcessUri(target, method, "HTTP/1.1");
        foreach (var (name, value) in headers)
        {
            tx.AddRequestHeader(name, value);
        }

        if (tx.ProcessRequestHeaders() is not null)
        {
            return tx;
        }

        if (body.Length > 0 && tx.AppendRequestBody(body) is not null)
        {
            return tx;
        }

        tx.ProcessRequestBody();
        return tx;
    }

    private Transaction Respond(Transaction tx)
    {
        if (tx.Interruption is null)
        {
            foreach (var (name, value) in ResponseHeaders)
            {
                tx.AddResponseHeader(name, value);
            }

            if (tx.ProcessResponseHeaders(200, "HTTP/1.1") is null && tx.IsResponseBodyInspectable)
            {
                tx.AppendResponseBody(_html);
                tx.ProcessResponseBody();
            }
        }

        tx.ProcessLogging();
        return tx;
    }

    private static void Report(string name, Transaction tx, bool expectBlock)
    {
        var rules = string.Join(",", tx.MatchedRules.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
        Console.WriteLine($"// CRS {name}: interruption {tx.Interruption?.RuleId.ToString(CultureInfo.InvariantCulture) ?? "none"}, inbound score {tx.InboundAnomalyScore}, matched [{rules}]");
        if ((tx.Interruption is not null) != expectBlock)
        {
            throw new InvalidOperationException($"CRS {name}: expected {(expectBlock ? "an interruption" : "no interruption")}, matched [{rules}].");
        }
    }
}
