using System.Globalization;
using System.Text;
using System.Text.Json;
using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Conformance;

/// <summary>
/// Replays the <c>http-cache-tests</c> definitions (exported to JSON by export-cache-tests.mjs)
/// against <see cref="CacheEngine"/> in process, on virtual time. The origin reproduces the suite's
/// server (server/handle-test.mjs) and the checks reproduce its client (client/test.mjs), so a
/// verdict here is the verdict the suite would give a cache with this engine — minus what only a
/// real HTTP hop adds (header folding, hop-by-hop handling, 502 on disconnect). Results use the
/// suite's own form: true, or [kind, message] with kind "Assertion" or "Setup".
/// </summary>
internal sealed class CacheTestsRunner
{
    private const double PauseSeconds = 3;

    private readonly CacheHarness _h;
    private readonly Dictionary<string, List<ServerRecord>> _serverState = [];

    // The suite's server rewrites relative dates inside its stored config when it answers, so a
    // later request compares against the value it actually sent: (uuid, request index) → lines.
    private readonly Dictionary<(string, int), List<(string Name, string Value)>> _sent = [];

    public CacheTestsRunner(CachePolicy policy) => _h = new CacheHarness(policy);

    public Dictionary<string, TestVerdict> RunAll(IEnumerable<JsonElement> tests)
    {
        var results = new Dictionary<string, TestVerdict>(StringComparer.Ordinal);
        foreach (var test in tests)
        {
            var id = test.GetProperty("id").GetString()!;
            if (test.TryGetProperty("browser_only", out var b) && b.GetBoolean())
            {
                continue;
            }
            try
            {
                RunOne(test).GetAwaiter().GetResult();
                results[id] = TestVerdict.Pass;
            }
            catch (SuiteFailure failure)
            {
                results[id] = new TestVerdict(false, failure.Kind, failure.Message);
            }
        }
        return results;
    }

    private async Task RunOne(JsonElement test)
    {
        var uuid = Guid.NewGuid().ToString("N");
        var requests = test.GetProperty("requests").EnumerateArray().ToList();
        var responses = new List<ClientResponse>();
        _serverState[uuid] = [];
        for (var i = 0; i < requests.Count; i++)
        {
            var config = requests[i];
            var response = await Fetch(uuid, requests, i, i > 0 ? responses[i - 1] : null);
            responses.Add(response);
            CheckResponse(uuid, config, i + 1, response);
            if (config.TryGetProperty("pause_after", out var pause) && pause.GetBoolean())
            {
                _h.Advance(PauseSeconds);
            }
        }
        CheckServerRequests(requests, responses, _serverState[uuid]);
    }

    private async Task<ClientResponse> Fetch(string uuid, List<JsonElement> requests, int idx, ClientResponse? previous)
    {
        var config = requests[idx];
        var method = Str(config, "request_method") ?? "GET";
        var path = $"/test/{uuid}" + (Str(config, "filename") is { } f ? "/" + f : "");
        var query = Str(config, "query_arg");
        var headers = new HeaderList();
        if (config.TryGetProperty("request_headers", out var rh))
        {
            foreach (var h in rh.EnumerateArray())
            {
                var name = h[0].GetString()!;
                var value = h[1];
                if (Bool(config, "magic_ims") && name.Equals("If-Modified-Since", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.Number)
                {
                    headers.Add(name, FixDate(previous!.Headers.GetCombined("Server-Now"), value.GetInt64(), config, name));
                }
                else
                {
                    headers.Add(name, ValueText(value));
                }
            }
        }
        else
        {
            headers.Add("Pragma", "foo");
            headers.Add("Cache-Control", "nothing-to-see-here");
        }
        headers.Add("Test-ID", Str(config, "id") ?? "");
        headers.Add("Req-Num", (idx + 1).ToString(CultureInfo.InvariantCulture));

        var request = new CacheRequest(method, "http", "cache-tests.local", path, query, headers);
        using var lookup = await _h.Engine.LookupAsync(request, _h.Policy, CancellationToken.None);
        if (lookup.Kind is CacheLookupKind.Hit or CacheLookupKind.Stale or CacheLookupKind.Shared or CacheLookupKind.GatewayTimeout)
        {
            var served = await Read(lookup.Response!);
            if (lookup.RevalidateInBackground)
            {
                await ForwardAndReport(uuid, requests, lookup, request, background: true);
            }
            return served;
        }
        return await ForwardAndReport(uuid, requests, lookup, request, background: false);
    }

    private async Task<ClientResponse> ForwardAndReport(string uuid, List<JsonElement> requests, CacheLookup lookup, CacheRequest request, bool background)
    {
        var forwarded = HeaderList.From(request.Headers);
        foreach (var name in lookup.RemoveRequestHeaders)
        {
            forwarded.Remove(name);
        }
        foreach (var line in lookup.ConditionalHeaders.Lines)
        {
            forwarded.Set(line.Key, line.Value);
        }
        var origin = Serve(uuid, requests, request, forwarded);
        if (origin is null)
        {
            var stale = await _h.Engine.OnOriginFailureAsync(lookup, CancellationToken.None);
            return stale is null ? new ClientResponse(502, new HeaderList(), "") : await Read(stale);
        }
        var decision = await _h.Engine.OnResponseAsync(lookup, new CacheResponse(origin.Status, origin.Headers), CancellationToken.None);
        if (decision.Kind == ResponseDecisionKind.ServeStored)
        {
            return await Read(decision.Served!);
        }
        if (decision.Kind == ResponseDecisionKind.ServeWhileFilling)
        {
            var clientCopy = Read(decision.Served!);
            using (var fill = decision.Writer!)
            {
                await fill.WriteAsync(origin.Body, CancellationToken.None);
                await fill.CommitAsync(CancellationToken.None);
            }
            return await clientCopy;
        }
        using (var writer = decision.Writer)
        {
            if (writer is not null)
            {
                writer.Write(origin.Body);
                await writer.CommitAsync(CancellationToken.None);
            }
        }
        if (background)
        {
            return new ClientResponse(0, new HeaderList(), "");
        }
        var headers = HeaderList.From(origin.Headers);
        headers.Add("Cache-Status", decision.CacheStatus);
        return new ClientResponse(origin.Status, headers, request.IsHead ? "" : Encoding.UTF8.GetString(origin.Body));
    }

    /// <summary>server/handle-test.mjs: null means the server dropped the connection.</summary>
    private OriginResponse? Serve(string uuid, List<JsonElement> requests, CacheRequest request, HeaderList headers)
    {
        var state = _serverState[uuid];
        var srvReqNum = state.Count + 1;
        var cliReqNum = int.TryParse(headers.GetCombined("Req-Num"), out var n) ? n : 0;
        var reqNum = cliReqNum > 0 ? cliReqNum : srvReqNum;
        var config = requests[reqNum - 1];
        var previous = reqNum >= 2 ? requests[reqNum - 2] : default;
        var nowMs = _h.Time.GetUtcNow().ToUnixTimeMilliseconds();

        var status = config.TryGetProperty("response_status", out var rs) ? rs[0].GetInt32() : 200;
        if (Str(config, "expected_type") is { } expected && expected.EndsWith("validated", StringComparison.Ordinal))
        {
            status = 999;
            var previousLm = PreviousHeader(uuid, reqNum - 2, previous, "Last-Modified");
            if (previousLm is not null && headers.GetCombined("If-Modified-Since") == previousLm)
            {
                status = 304;
            }
            var previousEtag = PreviousHeader(uuid, reqNum - 2, previous, "ETag");
            if (previousEtag is not null && headers.GetCombined("If-None-Match") == previousEtag)
            {
                status = 304;
            }
        }
        var response = new HeaderList();
        response.Add("Server-Base-Url", request.Path + (request.Query is null ? "" : "?" + request.Query));
        response.Add("Server-Request-Count", srvReqNum.ToString(CultureInfo.InvariantCulture));
        response.Add("Client-Request-Count", cliReqNum.ToString(CultureInfo.InvariantCulture));
        response.Add("Server-Now", nowMs.ToString(CultureInfo.InvariantCulture));
        response.Add("Capability-Seen", "");
        var saved = new List<(string Name, string Value)>();
        var sent = new List<(string, string)>();
        _sent[(uuid, reqNum - 1)] = sent;
        if (config.TryGetProperty("response_headers", out var rh))
        {
            foreach (var h in rh.EnumerateArray())
            {
                var name = h[0].GetString()!;
                var value = FixHeader(name, h[1], config, response);
                sent.Add((name, value));
                response.Add(name, value);
                if (h.GetArrayLength() < 3 || h[2].ValueKind == JsonValueKind.True)
                {
                    // A Map keyed by the name as written: a later line of the same name replaces the saved value with all lines so far.
                    saved.RemoveAll(x => x.Name == name);
                    saved.Add((name, response.GetCombined(name)!));
                }
            }
        }
        if (!response.Contains("Content-Type"))
        {
            response.Add("Content-Type", "text/plain");
        }
        state.Add(new ServerRecord(cliReqNum, request.Method, headers, saved));
        response.Add("Request-Numbers", string.Join(' ', state.Select(s => s.RequestNum)));
        if (Bool(config, "disconnect"))
        {
            return null;
        }
        var body = status is 204 or 304 ? "" : (config.TryGetProperty("response_body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : uuid);
        var bytes = Encoding.UTF8.GetBytes(body);
        if (int.TryParse(response.GetSingle("Content-Length"), out var declared) && declared < bytes.Length)
        {
            bytes = bytes[..declared]; // what an HTTP/1.1 client reads when the server declares fewer bytes than it writes
        }
        return new OriginResponse(status, response, bytes);
    }

    /// <summary>server/utils.mjs getHeader on the previous config, as mutated by the server's fixups.</summary>
    private string? PreviousHeader(string uuid, int index, JsonElement previous, string name)
    {
        if (index >= 0 && _sent.TryGetValue((uuid, index), out var sent))
        {
            string? last = null;
            foreach (var (sentName, value) in sent)
            {
                if (sentName.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    last = value;
                }
            }
            return last;
        }
        if (previous.ValueKind != JsonValueKind.Object || !previous.TryGetProperty("response_headers", out var rh))
        {
            return null;
        }
        string? result = null;
        foreach (var h in rh.EnumerateArray())
        {
            if (h[0].GetString()!.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                result = h[1].ValueKind == JsonValueKind.String ? h[1].GetString() : null; // a number never equals a header string
            }
        }
        return result;
    }

    private void CheckResponse(string uuid, JsonElement config, int reqNum, ClientResponse response)
    {
        var resNum = int.TryParse(response.Headers.GetCombined("Server-Request-Count"), out var r) ? r : (int?)null;
        if (response.Headers.GetCombined("Request-Numbers") is { } numbers)
        {
            var list = numbers.Split(' ');
            Assert(true, list.Length == list.Distinct().Count(), "retry");
        }
        if (Str(config, "expected_type") is { } type)
        {
            var setup = IsSetup(config, "expected_type");
            if (type == "cached" && !(response.Status == 304 && resNum is null))
            {
                Assert(setup, resNum < reqNum, $"Response {reqNum} does not come from cache");
            }
            if (type == "not_cached")
            {
                Assert(setup, resNum == reqNum, $"Response {reqNum} comes from cache");
            }
        }
        if (config.TryGetProperty("expected_status", out var es))
        {
            Assert(IsSetup(config, "expected_status"), es.ValueKind == JsonValueKind.Number && response.Status == es.GetInt32(), $"Response {reqNum} status is {response.Status}, not {es}");
        }
        else if (config.TryGetProperty("response_status", out var rs))
        {
            Assert(true, response.Status == rs[0].GetInt32(), $"Response {reqNum} status is {response.Status}, not {rs[0]}");
        }
        else if (response.Status == 999)
        {
            Assert(IsSetup(config, "expected_type"), false, $"Request {reqNum} should have been conditional, but it was not.");
        }
        else
        {
            Assert(true, response.Status == 200, $"Response {reqNum} status is {response.Status}, not 200");
        }
        if (config.TryGetProperty("expected_response_headers", out var erh))
        {
            var setup = IsSetup(config, "expected_response_headers");
            foreach (var h in erh.EnumerateArray())
            {
                if (h.ValueKind == JsonValueKind.String)
                {
                    Assert(setup, response.Headers.Contains(h.GetString()!), $"Response {reqNum} {h} header not present.");
                    continue;
                }
                var name = h[0].GetString()!;
                var actual = response.Headers.GetCombined(name);
                if (h.GetArrayLength() > 2)
                {
                    Assert(setup, actual is not null, $"Response {reqNum} {name} header not present.");
                    var op = h[1].GetString();
                    var ok = op == "=" ? actual == response.Headers.GetCombined(h[2].GetString()!) : long.TryParse(actual, out var v) && v > h[2].GetInt64();
                    Assert(setup, ok, $"Response {reqNum} header {name} is {actual}, should {op} {h[2]}");
                }
                else
                {
                    var expected = FixHeader(name, h[1], config, response.Headers);
                    Assert(setup, actual == expected, $"Response {reqNum} header {name} is \"{actual}\", not \"{expected}\"");
                }
            }
        }
        if (config.TryGetProperty("expected_response_headers_missing", out var missing))
        {
            var setup = IsSetup(config, "expected_response_headers_missing");
            foreach (var h in missing.EnumerateArray())
            {
                if (h.ValueKind == JsonValueKind.String)
                {
                    Assert(setup, !response.Headers.Contains(h.GetString()!), $"Response {reqNum} includes unexpected header {h}: \"{response.Headers.GetCombined(h.GetString()!)}\"");
                }
                // The two-element form reads response.headers[name] in the suite, which is always undefined: never fails.
            }
        }
        // Body
        if (config.TryGetProperty("check_body", out var cb) && cb.ValueKind == JsonValueKind.False)
        {
            return;
        }
        if (config.TryGetProperty("expected_response_text", out var ert))
        {
            if (ert.ValueKind == JsonValueKind.String)
            {
                Assert(IsSetup(config, "expected_response_text"), response.Body == ert.GetString(), $"Response body is \"{response.Body}\", not \"{ert}\"");
            }
        }
        else if (config.TryGetProperty("response_body", out var rb) && rb.ValueKind == JsonValueKind.String)
        {
            Assert(true, response.Body == rb.GetString(), $"Response body is \"{response.Body}\", not \"{rb}\"");
        }
        else if (response.Status is not (204 or 304) && Str(config, "request_method") != "HEAD")
        {
            Assert(true, response.Body == uuid, $"Response body is \"{response.Body}\", not \"{uuid}\"");
        }
    }

    private static void CheckServerRequests(List<JsonElement> requests, List<ClientResponse> responses, List<ServerRecord> state)
    {
        var testIdx = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var config = requests[i];
            var response = responses[i];
            var server = testIdx < state.Count ? state[testIdx] : null;
            var reqNum = i + 1;
            var setup = IsSetup(config, "expected_type");
            var validating = new List<string>();
            if (Str(config, "expected_type") is { } type)
            {
                if (type == "cached")
                {
                    continue;
                }
                if (type == "not_cached")
                {
                    Assert(setup, server?.RequestNum == reqNum, $"Response {reqNum} comes from cache ({server?.RequestNum} on server)");
                }
                if (type == "etag_validated")
                {
                    validating.Add("If-None-Match");
                }
                if (type == "lm_validated")
                {
                    validating.Add("If-Modified-Since");
                }
            }
            testIdx++;
            foreach (var v in validating)
            {
                Assert(setup, server is not null, $"request {reqNum} wasn't sent to server");
                Assert(setup, server!.Headers.Contains(v), $"request {reqNum} doesn't have {v} header");
            }
            if (config.TryGetProperty("expected_request_headers", out var erh))
            {
                var hsetup = IsSetup(config, "expected_request_headers");
                foreach (var h in erh.EnumerateArray())
                {
                    if (h.ValueKind == JsonValueKind.String)
                    {
                        Assert(hsetup, server?.Headers.Contains(h.GetString()!) == true, $"Request {reqNum} {h} header not present.");
                    }
                    else
                    {
                        var actual = server?.Headers.GetCombined(h[0].GetString()!);
                        Assert(hsetup, actual == h[1].GetString(), $"Request {reqNum} header {h[0]} is \"{actual}\", not \"{h[1]}\"");
                    }
                }
            }
            if (server is not null)
            {
                foreach (var (name, value) in server.Saved)
                {
                    if (SkipResponseHeaders.Contains(name))
                    {
                        continue;
                    }
                    var received = response.Headers.GetCombined(name);
                    Assert(true, received == value, $"Response {reqNum} header {name} is \"{received}\", not \"{value}\"");
                }
            }
            if (Str(config, "expected_method") is { } expectedMethod)
            {
                Assert(IsSetup(config, "expected_method"), server?.Method == expectedMethod, $"Request {reqNum} had method {server?.Method}, not {expectedMethod}");
            }
        }
    }

    private static readonly HashSet<string> SkipResponseHeaders = new(StringComparer.OrdinalIgnoreCase) { "date" };

    private static readonly HashSet<string> DateHeaders = new(StringComparer.OrdinalIgnoreCase) { "date", "expires", "last-modified", "if-modified-since", "if-unmodified-since" };

    private static readonly HashSet<string> LocationHeaders = new(StringComparer.OrdinalIgnoreCase) { "location", "content-location" };

    /// <summary>lib/header-fixup.mjs: relative dates against Server-Now, magic locations against Server-Base-Url.</summary>
    private static string FixHeader(string name, JsonElement value, JsonElement config, IHeaderView responseHeaders)
    {
        if (DateHeaders.Contains(name) && value.ValueKind == JsonValueKind.Number)
        {
            return FixDate(responseHeaders.GetCombined("Server-Now"), value.GetInt64(), config, name);
        }
        var text = ValueText(value);
        if (LocationHeaders.Contains(name) && Bool(config, "magic_locations"))
        {
            var baseUrl = responseHeaders.GetCombined("Server-Base-Url");
            return text.Length > 0 ? $"{baseUrl}/{text}" : baseUrl ?? "";
        }
        return text;
    }

    private static string FixDate(string? serverNowMs, long deltaSeconds, JsonElement config, string name)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(serverNowMs ?? "0", CultureInfo.InvariantCulture));
        var when = now.AddSeconds(deltaSeconds);
        if (config.TryGetProperty("rfc850date", out var formats) && formats.EnumerateArray().Any(f => string.Equals(f.GetString(), name, StringComparison.OrdinalIgnoreCase)))
        {
            return when.UtcDateTime.ToString("dddd, dd-MMM-yy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);
        }
        return HttpDate.Format(when);
    }

    private static async Task<ClientResponse> Read(ServedResponse served)
    {
        using var ms = new MemoryStream();
        await served.CopyBodyToAsync(ms, CancellationToken.None);
        return new ClientResponse(served.Status, served.Headers, Encoding.UTF8.GetString(ms.ToArray()));
    }

    private static bool IsSetup(JsonElement config, string member) =>
        Bool(config, "setup") || (config.TryGetProperty("setup_tests", out var st) && st.EnumerateArray().Any(e => e.GetString() == member));

    private static void Assert(bool setup, bool condition, string message)
    {
        if (!condition)
        {
            throw new SuiteFailure(setup ? "Setup" : "Assertion", message);
        }
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string ValueText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private sealed record ServerRecord(int RequestNum, string Method, HeaderList Headers, List<(string Name, string Value)> Saved);

    private sealed record OriginResponse(int Status, HeaderList Headers, byte[] Body);

    private sealed record ClientResponse(int Status, HeaderList Headers, string Body);

    private sealed class SuiteFailure(string kind, string message) : Exception(message)
    {
        public string Kind { get; } = kind;
    }
}

/// <summary>One test's result in the suite's terms.</summary>
internal sealed record TestVerdict(bool Passed, string Kind, string Message)
{
    public static readonly TestVerdict Pass = new(true, "", "");
}
