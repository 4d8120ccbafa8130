using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rempart.Gateway.Tests.Functions;

/// <summary>
/// Event functions through a running gateway: JavaScript and HTTP functions react to events the
/// gateway publishes, their decisions and IP-set entries are enforced on the next requests, survive a
/// restart and expire on virtual time; bad functions (hanging or garbage endpoints, infinite loops,
/// a million decisions, 0.0.0.0/0) are capped, retried, dead-lettered or refused while the gateway
/// keeps serving. Reaction times are printed, never asserted.
/// </summary>
public sealed class EventFunctionTests(ITestOutputHelper output)
{
    private const string SqliRequest = "/search?q=1%27%20OR%20%271%27%3D%271";

    /// <summary>The functions guide's example, verbatim: ban after three blocked SQL injections in a minute.</summary>
    private const string SqliBanFunction = """
          sqli-ban:
            on: event
            subscribe: { types: [request_blocked], labels: ["rempart:managed:sql_database:"] }
            code: |
              function handler(event, context) {
                var n = context.counters.increment('sqli:' + event.client_ip, '1m');
                context.log('blocked SQLi from ' + event.client_ip + ': ' + n + ' in the last minute');
                if (n >= 3) {
                  context.decisions.add({ scope: event.client_ip, action: 'ban', duration: '4h',
                                          reason: 'three blocked SQL injections in a minute' });
                }
              }
        """;

    private static string Config(string origin, string functions, string extra = "", string acl = "default") => $$"""
        origins: { app: { targets: ["{{origin}}"] } }
        routes:
          - match: { paths: ["/"] }
            origin: app
            web_acl: {{acl}}
        automations:
          allow_list: []
        {{extra}}
        functions:
        {{functions}}
        """;

    [Fact]
    public async Task ThreeBlockedSqli_BanTheAttackerOnly_SurviveRestart_ExpireOnTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var origin = await TestOrigin.StartAsync("app");
        var yaml = Config(origin.Url, SqliBanFunction);
        var gw = await TestGateway.StartAsync(yaml, time);
        try
        {
            using var attacker = SourceAddressClient.Create(gw.Address, "127.0.0.31");
            using var bystander = SourceAddressClient.Create(gw.Address, "127.0.0.99");

            for (var i = 1; i <= 2; i++)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await attacker.GetAsync(SqliRequest)).StatusCode);
            }

            await Eventually.TrueAsync(async () => await InvocationsAsync(gw, "sqli-ban") == 2, "the function ran on both blocked requests");
            Assert.Empty(gw.Host.Decisions.Index.All);
            Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/")).StatusCode);

            var clock = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.Forbidden, (await attacker.GetAsync(SqliRequest)).StatusCode);
            var probes = await ProbeUntilRefusedAsync(attacker, bystander);
            output.WriteLine($"reaction sqli-ban (JavaScript event function): first refused benign request {clock.Elapsed.TotalMilliseconds:F1} ms after the third SQLi was sent ({probes} probe(s))");

            var decision = Assert.Single(gw.Host.Decisions.Index.All);
            Assert.Equal("function:sqli-ban", decision.Record.Source);
            Assert.Equal("127.0.0.31", decision.Record.Scope);
            Assert.Equal("three blocked SQL injections in a minute", decision.Record.Reason);
            Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/")).StatusCode);

            await gw.StopKeepingStateAsync();
            gw = await TestGateway.StartInAsync(gw.Directory, yaml, time);
            using var attacker2 = SourceAddressClient.Create(gw.Address, "127.0.0.31");
            Assert.Equal(HttpStatusCode.Forbidden, (await attacker2.GetAsync("/")).StatusCode);

            time.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.Forbidden, (await attacker2.GetAsync("/")).StatusCode);
            time.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(HttpStatusCode.OK, (await attacker2.GetAsync("/")).StatusCode);
        }
        finally
        {
            await gw.DisposeAsync();
        }
    }

    [Fact]
    public async Task HttpFunction_SignedPost_ItsAnswerBans()
    {
        const string secret = "0123456789abcdef0123456789abcdef-test-secret";
        await using var origin = await TestOrigin.StartAsync("app");
        await using var hook = await TestOrigin.StartAsync("hook");
        var verified = new ConcurrentQueue<(bool Valid, string? Event, string Body)>();
        hook.Handler = async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var timestamp = context.Request.Headers["X-Rempart-Timestamp"].ToString();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
            var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(context.Request.Headers["X-Rempart-Signature"].ToString()));
            verified.Enqueue((valid, context.Request.Headers["X-Rempart-Event"], body));
            if (!valid)
            {
                context.Response.StatusCode = 401;
                return;
            }

            var ip = JsonDocument.Parse(body).RootElement.GetProperty("client_ip").GetString();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{ "decisions": [ { "scope": "{{ip}}", "action": "ban", "duration": "1h", "reason": "the hook says so" } ], "log": ["banned {{ip}}"] }""");
        };

        var directory = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "hook.key"), secret + "\n");
        await using var gw = await TestGateway.StartInAsync(directory, Config(origin.Url, $$"""
              hook:
                on: event
                url: "{{hook.Url}}/rempart"
                secret_file: hook.key
                subscribe: { types: [request_blocked] }
            """));

        using var attacker = SourceAddressClient.Create(gw.Address, "127.0.0.32");
        using var bystander = SourceAddressClient.Create(gw.Address, "127.0.0.99");
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Forbidden, (await attacker.GetAsync(SqliRequest)).StatusCode);
        var probes = await ProbeUntilRefusedAsync(attacker, bystander);
        output.WriteLine($"reaction hook (HTTP event function): first refused benign request {clock.Elapsed.TotalMilliseconds:F1} ms after the blocked request was sent ({probes} probe(s))");

        var (valid, type, body) = Assert.Single(verified);
        Assert.True(valid, "the receiver could not verify the HMAC signature");
        Assert.Equal("request_blocked", type);
        Assert.Contains("\"labels\"", body, StringComparison.Ordinal);
        var decision = Assert.Single(gw.Host.Decisions.Index.All);
        Assert.Equal(("function:hook", "127.0.0.32", "the hook says so"), (decision.Record.Source, decision.Record.Scope, decision.Record.Reason));
    }

    [Python3Fact]
    public async Task ThePythonExample_VerifiesTheSignature_AndBansRepeatOffenders()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "hook.key"), Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        using var python = Process.Start(new ProcessStartInfo(Python3FactAttribute.Path3()!, [Path.Combine(TestPaths.RepoRoot, "examples", "functions", "rempart_hook.py"), "--port", "0", "--key-file", Path.Combine(directory, "hook.key")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var listening = await python.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException(await python.StandardError.ReadToEndAsync());
            var url = listening["listening on ".Length..];
            await using var origin = await TestOrigin.StartAsync("app");
            await using var gw = await TestGateway.StartInAsync(directory, Config(origin.Url, $$"""
                  repeat-offenders:
                    on: event
                    url: {{url}}
                    secret_file: hook.key
                    subscribe: { types: [request_blocked] }
                """));

            using var attacker = SourceAddressClient.Create(gw.Address, "127.0.0.34");
            using var bystander = SourceAddressClient.Create(gw.Address, "127.0.0.99");
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await attacker.GetAsync(SqliRequest)).StatusCode);
            }

            await ProbeUntilRefusedAsync(attacker, bystander);
            var decision = Assert.Single(gw.Host.Decisions.Index.All);
            Assert.Equal(("function:repeat-offenders", "127.0.0.34", "blocked 3 times in 10 minutes"), (decision.Record.Source, decision.Record.Scope, decision.Record.Reason));
        }
        finally
        {
            python.Kill();
        }
    }

    [Fact]
    public async Task HangingAndGarbageEndpoints_RetryThenDeadLetter_GatewayKeepsServing()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var hook = await TestOrigin.StartAsync("hook");
        var attempts = new ConcurrentQueue<string>();
        hook.Handler = async context =>
        {
            attempts.Enqueue(context.Request.Path + " " + context.Request.Headers["X-Rempart-Attempt"] + " " + context.Request.Headers["X-Rempart-Delivery"]);
            if (context.Request.Path == "/hang")
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return;
            }

            await context.Response.WriteAsync("<html>this is not JSON</html>");
        };

        var directory = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "hook.key"), new string('k', 40));
        string Hook(string name, string path) => $$"""
              {{name}}:
                on: event
                url: "{{hook.Url}}{{path}}"
                secret_file: hook.key
                subscribe: { types: [request_blocked] }
                limits: { timeout: 300ms, retries: 1, retry_backoff: 50ms }
            """;
        await using var gw = await TestGateway.StartInAsync(directory, Config(origin.Url, Hook("hang", "/hang") + "\n" + Hook("garbage", "/garbage")));

        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync(SqliRequest)).StatusCode);
        await Eventually.TrueAsync(async () => (await DeadLettersAsync(gw)).Count == 2, "both functions dead-lettered the event");

        var dead = (await DeadLettersAsync(gw)).ToDictionary(d => d.GetProperty("function").GetString()!);
        Assert.Contains("did not answer within 300ms", dead["hang"].GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Contains("not JSON", dead["garbage"].GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.All(dead.Values, d =>
        {
            Assert.Equal(2, d.GetProperty("attempts").GetInt32());
            Assert.Equal("request_blocked", d.GetProperty("event").GetProperty("type").GetString());
        });

        // Two attempts each, the retry carrying the same delivery id.
        foreach (var path in new[] { "/hang", "/garbage" })
        {
            var seen = attempts.Where(a => a.StartsWith(path + " ", StringComparison.Ordinal)).Select(a => a.Split(' ')).ToList();
            Assert.Equal(["1", "2"], seen.Select(s => s[1]).Order());
            Assert.Single(seen.Select(s => s[2]).Distinct());
        }

        var metrics = await gw.MetricsAsync();
        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("rempart_function_dead_letters", StringComparison.Ordinal) && l.Contains("function=\"hang\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/")).StatusCode);
        Assert.Empty(gw.Host.Decisions.Index.All);
    }

    [Fact]
    public async Task BadFunctions_AreCappedRefusedOrStopped_GatewayKeepsServing()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, """
              million:
                on: event
                subscribe: { types: [request_blocked] }
                limits: { max_effects: 50 }
                code: |
                  function handler(event, context) {
                    for (var i = 0; i < 1000000; i++) {
                      context.decisions.add({ scope: '10.' + ((i >> 16) & 255) + '.' + ((i >> 8) & 255) + '.' + (i & 255), duration: '1h' });
                    }
                  }
              everyone:
                on: event
                subscribe: { types: [request_blocked] }
                code: |
                  function handler(event, context) { context.decisions.add({ scope: '0.0.0.0/0', reason: 'ban the internet' }); }
              spinner:
                on: event
                subscribe: { types: [request_blocked] }
                limits: { time_budget: 50ms, retries: 0 }
                code: |
                  function handler(event, context) { while (true) {} }
              overreach:
                on: event
                subscribe: { types: [request_blocked] }
                code: |
                  function handler(event, context) {
                    context.ipSets.add('blocklist', '0.0.0.0/0');
                    context.decisions.remove('203.0.113.50');
                  }
            """, "ip_sets: { blocklist: [] }"));
        var operatorBan = await gw.Admin.PostAsync("/api/v1/decisions", new StringContent("""{ "scope": "203.0.113.50", "reason": "operator" }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, operatorBan.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync(SqliRequest)).StatusCode);
        await Eventually.TrueAsync(async () => (await EventsAsync(gw, "function_capped")).Count == 1
            && (await EventsAsync(gw, "decision_refused")).Count == 1
            && (await DeadLettersAsync(gw)).Count == 1, "the cap, the refusal and the dead letter are recorded");

        Assert.Equal(50, gw.Host.Decisions.Index.All.Count(d => d.Record.Source == "function:million"));
        var capped = Assert.Single(await EventsAsync(gw, "function_capped"));
        Assert.Equal(("million", 50), (capped.GetProperty("function").GetString(), capped.GetProperty("applied").GetInt32()));
        var refused = Assert.Single(await EventsAsync(gw, "decision_refused"));
        Assert.Equal(("0.0.0.0/0", "function:everyone"), (refused.GetProperty("scope").GetString(), refused.GetProperty("source").GetString()));
        var spun = Assert.Single(await DeadLettersAsync(gw));
        Assert.Equal("spinner", spun.GetProperty("function").GetString());
        Assert.Contains("CPU budget", spun.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await gw.MetricsAsync()).Split('\n').Count(l => l.StartsWith("rempart_function_effects", StringComparison.Ordinal) && l.Contains("function=\"overreach\"", StringComparison.Ordinal) && l.Contains("result=\"refused\"", StringComparison.Ordinal)) == 2, "both overreaching effects were refused");
        Assert.Empty(gw.Host.IpSets.Get("blocklist").Entries());
        Assert.Contains(gw.Host.Decisions.Index.All, d => d.Record.Scope == "203.0.113.50" && d.Record.Source == "operator");
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task IpSetEntry_FromAFunction_IsEnforcedByTheWaf_SurvivesRestart_Expires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var origin = await TestOrigin.StartAsync("app");
        var yaml = Config(origin.Url, """
              mark:
                on: event
                subscribe: { types: [request_blocked] }
                code: |
                  function handler(event, context) {
                    if (event.rule === 'trap') context.ipSets.add('suspects', event.client_ip, { duration: '1h' });
                  }
            """, """
            ip_sets: { suspects: [] }
            web_acls:
              main:
                rules:
                  - { name: suspects, priority: 0, statement: { ip_set: { name: suspects } }, action: block }
                  - { name: trap, priority: 1, statement: { byte_match: { field: uri_path, starts_with: /trap } }, action: block }
            """, acl: "main");
        var gw = await TestGateway.StartAsync(yaml, time);
        try
        {
            using var attacker = SourceAddressClient.Create(gw.Address, "127.0.0.33");
            using var bystander = SourceAddressClient.Create(gw.Address, "127.0.0.99");
            Assert.Equal(HttpStatusCode.Forbidden, (await attacker.GetAsync("/trap")).StatusCode);
            await ProbeUntilRefusedAsync(attacker, bystander);
            Assert.Equal(["127.0.0.33/32"], gw.Host.IpSets.Get("suspects").Entries().Select(e => e.Cidr));
            Assert.Empty(gw.Host.Decisions.Index.All); // the WAF refuses, not a decision

            await gw.StopKeepingStateAsync();
            gw = await TestGateway.StartInAsync(gw.Directory, yaml, time);
            using var attacker2 = SourceAddressClient.Create(gw.Address, "127.0.0.33");
            Assert.Equal(HttpStatusCode.Forbidden, (await attacker2.GetAsync("/")).StatusCode);

            time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(2));
            await Eventually.TrueAsync(async () => (await attacker2.GetAsync("/")).StatusCode == HttpStatusCode.OK, "the entry expired");
        }
        finally
        {
            await gw.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reload_AChangedFunction_RunsItsNewCode_AnUnchangedOneKeepsItsWorker()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        string Functions(string reason) => $$"""
              changing:
                on: event
                subscribe: { types: [request_blocked] }
                code: |
                  function handler(event, context) { context.decisions.add({ scope: event.client_ip, duration: '1h', reason: '{{reason}}' }); }
              steady:
                on: event
                subscribe: { types: [config_reloaded] }
                code: |
                  function handler(event, context) { context.log('generation ' + event.generation); }
            """;
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, Functions("before")));
        var steady = gw.Host.EventFunctions!.Workers["steady"];
        var changing = gw.Host.EventFunctions.Workers["changing"];

        await gw.RewriteConfigAsync(Config(origin.Url, Functions("after")));
        Assert.True((await gw.Host.ReloadAsync()).Applied);
        Assert.Same(steady, gw.Host.EventFunctions.Workers["steady"]);
        Assert.NotSame(changing, gw.Host.EventFunctions.Workers["changing"]);

        using var attacker = SourceAddressClient.Create(gw.Address, "127.0.0.35");
        Assert.Equal(HttpStatusCode.Forbidden, (await attacker.GetAsync(SqliRequest)).StatusCode);
        await Eventually.TrueAsync(() => gw.Host.Decisions.Index.All.Any(), "the reloaded function decided");
        Assert.Equal("after", Assert.Single(gw.Host.Decisions.Index.All).Record.Reason);
        await Eventually.TrueAsync(async () => await InvocationsAsync(gw, "steady") == 1, "the unchanged function saw the reload event");
    }

    [Fact]
    public async Task IpSetsApi_AddsListsAndRemovesRunTimeEntries_Audited()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, "  {}", """
            ip_sets: { suspects: ["198.51.100.0/24"] }
            web_acls:
              main:
                rules:
                  - { name: suspects, priority: 0, statement: { ip_set: { name: suspects } }, action: block }
            """, acl: "main"));
        using var client = SourceAddressClient.Create(gw.Address, "127.0.0.36");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var added = await gw.Admin.PostAsync("/api/v1/ip-sets/suspects", new StringContent("""{ "cidr": "127.0.0.36", "duration": "2h" }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);
        using (var set = JsonDocument.Parse(await gw.Admin.GetStringAsync("/api/v1/ip-sets/suspects")))
        {
            Assert.Equal("198.51.100.0/24", set.RootElement.GetProperty("config")[0].GetString());
            var entry = Assert.Single(set.RootElement.GetProperty("runtime").EnumerateArray());
            Assert.Equal(("127.0.0.36/32", "admin-api"), (entry.GetProperty("cidr").GetString(), entry.GetProperty("source").GetString()));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await gw.Admin.PostAsync("/api/v1/ip-sets/nope", new StringContent("""{ "cidr": "10.0.0.1" }"""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.PostAsync("/api/v1/ip-sets/suspects", new StringContent("""{ "cidr": "not-an-ip" }"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await gw.Admin.DeleteAsync("/api/v1/ip-sets/suspects?cidr=127.0.0.36")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gw.Admin.DeleteAsync("/api/v1/ip-sets/suspects?cidr=127.0.0.36")).StatusCode);

        var audit = await gw.Admin.GetStringAsync("/api/v1/audit");
        Assert.Contains("\"ip_set.add\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"ip_set.remove\"", audit, StringComparison.Ordinal);
    }

    private static async Task<int> ProbeUntilRefusedAsync(HttpClient attacker, HttpClient bystander)
    {
        for (var probes = 1; probes <= 2000; probes++)
        {
            var status = (await attacker.GetAsync("/")).StatusCode;
            Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/")).StatusCode);
            if (status == HttpStatusCode.Forbidden)
            {
                return probes;
            }

            await Task.Delay(5);
        }

        Assert.Fail("the attacker was still served after 2000 probes");
        return 0;
    }

    private static async Task<long> InvocationsAsync(TestGateway gw, string function) =>
        (await gw.MetricsAsync()).Split('\n')
            .Where(l => l.StartsWith("rempart_function_invocations", StringComparison.Ordinal) && l.Contains($"function=\"{function}\"", StringComparison.Ordinal))
            .Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static Task<List<JsonElement>> DeadLettersAsync(TestGateway gw) => EventsAsync(gw, "function_dead_lettered");

    private static async Task<List<JsonElement>> EventsAsync(TestGateway gw, string type)
    {
        using var json = JsonDocument.Parse(await gw.Admin.GetStringAsync($"/api/v1/events?type={type}"));
        var root = json.RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("events");
        return items.EnumerateArray().Select(e => e.GetProperty("data").Clone()).ToList();
    }
}
