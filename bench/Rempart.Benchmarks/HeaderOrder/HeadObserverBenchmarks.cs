using System.Text;
using BenchmarkDotNet.Attributes;
using Rempart.Gateway.Waf.HeaderOrder;

namespace Rempart.Benchmarks.HeaderOrder;

/// <summary>
/// What the header arrival-order observer costs per request head (on by default since Shield's
/// signature reads it): one Chrome navigation head (16 headers, ~700 bytes) observed and dequeued,
/// and a short wrk-like head. Setup checks the order it records.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class HeadObserverBenchmarks
{
    private static readonly byte[] Browser = Encoding.ASCII.GetBytes(
        "GET /products/search?q=running+shoes&page=2 HTTP/1.1\r\nHost: shop.example\r\nConnection: keep-alive\r\n" +
        "sec-ch-ua: \"Chromium\";v=\"130\", \"Google Chrome\";v=\"130\", \"Not?A_Brand\";v=\"99\"\r\nsec-ch-ua-mobile: ?0\r\n" +
        "sec-ch-ua-platform: \"Windows\"\r\nUpgrade-Insecure-Requests: 1\r\n" +
        "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36\r\n" +
        "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n" +
        "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-User: ?1\r\nSec-Fetch-Dest: document\r\n" +
        "Referer: https://shop.example/\r\nAccept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: fr-FR,fr;q=0.9,en;q=0.8\r\n" +
        "Cookie: session=abc123; theme=dark; consent=yes; cart=42; ab=b\r\n\r\n");

    private static readonly byte[] Wrk = Encoding.ASCII.GetBytes("GET /small HTTP/1.1\r\nHost: 127.0.0.1:19082\r\nUser-Agent: wrk\r\nAccept: */*\r\n\r\n");

    private readonly Http1HeadObserver _observer = new();

    [GlobalSetup]
    public void Setup()
    {
        var order = Observe(Browser);
        if (order != "host:connection:sec-ch-ua:sec-ch-ua-mobile:sec-ch-ua-platform:upgrade-insecure-requests:user-agent:accept:sec-fetch-site:sec-fetch-mode:sec-fetch-user:sec-fetch-dest:referer:accept-encoding:accept-language:cookie")
        {
            throw new InvalidOperationException("unexpected order: " + order);
        }
    }

    [Benchmark(Description = "browser head (16 headers)")]
    public string? BrowserHead() => Observe(Browser);

    [Benchmark(Description = "wrk head (3 headers)")]
    public string? WrkHead() => Observe(Wrk);

    private string? Observe(byte[] head)
    {
        _observer.Observe(head);
        return _observer.TryDequeue(out var observed) ? observed.HeaderOrder : null;
    }
}
