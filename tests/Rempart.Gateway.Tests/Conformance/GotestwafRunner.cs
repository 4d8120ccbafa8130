using System.Net;
using System.Text;

namespace Rempart.Gateway.Tests.Conformance;

/// <summary>
/// Plays gotestwaf test cases against a gateway the way gotestwaf does (FORMAT.md §3–4): every
/// payload × encoder × placeholder, browser-like default headers, Host waf.test; 403 is blocked,
/// 200/404 passed, anything else unresolved, a request that cannot be sent failed.
/// GraphQL and gRPC placeholders are skipped, as gotestwaf skips them without those endpoints.
/// </summary>
public sealed class GotestwafRunner(HttpClient client)
{
    private static readonly (string Name, string Value)[] DefaultHeaders =
    [
        ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36"),
        ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
        ("Accept-Encoding", "gzip, deflate, br, zstd"),
        ("Accept-Language", "en-US,en;q=0.9"),
        ("Sec-Fetch-Dest", "document"),
        ("Sec-Fetch-Mode", "navigate"),
        ("Sec-Fetch-Site", "none"),
        ("Sec-Fetch-User", "?1"),
        ("Sec-CH-UA", "\"Chromium\";v=\"122\", \"Not(A:Brand\";v=\"24\", \"Google Chrome\";v=\"122\""),
        ("Sec-CH-UA-Mobile", "?0"),
        ("Sec-CH-UA-Platform", "\"Windows\""),
        ("Upgrade-Insecure-Requests", "1"),
        ("Pragma", "no-cache"),
        ("Cache-Control", "no-cache"),
    ];

    public async Task<IReadOnlyList<GotestwafResult>> RunAsync(GotestwafCase testCase)
    {
        var jobs = new List<(string Payload, string Encoder, GotestwafPlaceholder Placeholder)>();
        foreach (var payload in testCase.Payloads)
        {
            foreach (var encoder in testCase.Encoders)
            {
                foreach (var placeholder in testCase.Placeholders)
                {
                    jobs.Add((payload, encoder, placeholder));
                }
            }
        }

        var results = new GotestwafResult[jobs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var (payload, encoder, placeholder) = jobs[i];
            results[i] = await SendAsync(testCase, payload, encoder, placeholder);
        });
        return results;
    }

    private async Task<GotestwafResult> SendAsync(GotestwafCase testCase, string payload, string encoder, GotestwafPlaceholder placeholder)
    {
        if (placeholder.Name is "GraphQL" or "gRPC")
        {
            return new GotestwafResult(testCase, payload, encoder, placeholder.Name, GotestwafVerdict.Skipped, 0);
        }

        try
        {
            using var request = Build(GotestwafCase.Encode(encoder, payload), placeholder);
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var verdict = status == 403 ? GotestwafVerdict.Blocked : status is 200 or 404 ? GotestwafVerdict.Passed : GotestwafVerdict.Unresolved;
            return new GotestwafResult(testCase, payload, encoder, placeholder.Name, verdict, status);
        }
        catch (Exception e) when (e is HttpRequestException or FormatException or UriFormatException or ArgumentException or InvalidOperationException)
        {
            return new GotestwafResult(testCase, payload, encoder, placeholder.Name, GotestwafVerdict.Failed, 0);
        }
    }

    private static HttpRequestMessage Build(string payload, GotestwafPlaceholder placeholder)
    {
        var rnd = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..10];
        HttpRequestMessage request;
        switch (placeholder.Name)
        {
            case "URLParam":
                request = new HttpRequestMessage(HttpMethod.Get, $"/?{rnd}={payload}");
                break;
            case "URLPath":
                request = new HttpRequestMessage(HttpMethod.Get, "/" + payload);
                break;
            case "Header":
                request = new HttpRequestMessage(HttpMethod.Get, "/");
                request.Headers.TryAddWithoutValidation($"X-{rnd}", payload);
                break;
            case "UserAgent":
                request = new HttpRequestMessage(HttpMethod.Get, "/");
                request.Headers.TryAddWithoutValidation("User-Agent", payload);
                break;
            case "RequestBody":
                request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload)) };
                break;
            case "JSONBody":
                request = Post(payload, "application/json");
                break;
            case "JSONRequest":
                request = Post($"{{\"test\": true, \"{rnd}\": \"{GotestwafCase.JsUnicode(payload)}\"}}", "application/json");
                break;
            case "HTMLForm":
                request = Post($"{rnd}={payload}", "application/x-www-form-urlencoded");
                break;
            case "HTMLMultipartForm":
                var multipart = new MultipartFormDataContent("gotestwaf" + rnd);
                multipart.Add(new StringContent(payload), rnd);
                request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = multipart };
                break;
            case "XMLBody":
                request = Post(payload, "application/xml");
                break;
            case "SOAPBody":
                request = Post(
                    $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header/><soapenv:Body><filterStatement><ab{rnd}>{System.Security.SecurityElement.Escape(payload)}</ab{rnd}></filterStatement></soapenv:Body></soapenv:Envelope>",
                    "text/xml");
                request.Headers.TryAddWithoutValidation("SOAPAction", "\"http://schemas.xmlsoap.org/soap/actor/next\"");
                break;
            case "RawRequest":
                var path = (placeholder.Path ?? "/").Replace("{{payload}}", GotestwafCase.PathEscape(payload), StringComparison.Ordinal);
                request = new HttpRequestMessage(new HttpMethod(placeholder.Method ?? "GET"), path.StartsWith('/') ? path : "/" + path);
                var body = (placeholder.Body ?? "").Replace("{{payload}}", payload, StringComparison.Ordinal);
                string? contentType = null;
                foreach (var (name, value) in placeholder.Headers ?? new Dictionary<string, string>())
                {
                    var v = value.Replace("{{payload}}", payload, StringComparison.Ordinal);
                    if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        contentType = v;
                    }
                    else if (!name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                    {
                        request.Headers.Remove(name);
                        request.Headers.TryAddWithoutValidation(name, v);
                    }
                }

                if (body.Length > 0 || contentType is not null)
                {
                    request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
                    if (contentType is not null)
                    {
                        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    }
                }

                break;
            default:
                throw new InvalidOperationException("unknown placeholder " + placeholder.Name);
        }

        request.Headers.Host = "waf.test";
        foreach (var (name, value) in DefaultHeaders)
        {
            if (!request.Headers.Contains(name))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private static HttpRequestMessage Post(string body, string contentType) => new(HttpMethod.Post, "/")
    {
        Content = new StringContent(body, Encoding.UTF8, contentType),
    };
}

public enum GotestwafVerdict
{
    Blocked,
    Passed,
    Unresolved,
    Failed,
    Skipped,
}

public sealed record GotestwafResult(GotestwafCase Case, string Payload, string Encoder, string Placeholder, GotestwafVerdict Verdict, int Status);
