using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.State;
using Rempart.Gateway.Tests.Infrastructure;
using Rempart.Gateway.Waf.SecLang;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>
/// SecLang persistent collections (initcol/expirevar/SecCollectionTimeout) in the state store: a per-IP counter
/// rule through a real Rempart, across requests, distinct clients (127.0.0.x), a restart, and virtual time.
/// </summary>
public class SecLangCollectionTests
{
    // Three requests per client IP per minute; the fourth is refused with 429 until the counter expires.
    private const string CounterRules = """
        SecRuleEngine On
        SecCollectionTimeout 600
        SecAction "id:1000,phase:1,pass,nolog,initcol:ip=%{REMOTE_ADDR}"
        SecRule IP:hits "@ge 3" "id:1001,phase:1,deny,status:429,log,msg:'more than 3 requests a minute from %{REMOTE_ADDR}'"
        SecAction "id:1002,phase:1,pass,nolog,setvar:ip.hits=+1,expirevar:ip.hits=60"
        """;

    private static string Config(string originUrl) => $$"""
        origins: { app: { targets: ["{{originUrl}}"] } }
        web_acls:
          main:
            rules:
              - name: counter
                priority: 10
                statement:
                  seclang:
                    files: [counter.conf]
        routes:
          - match: { paths: ["/"] }
            origin: app
            web_acl: main
        """;

    private static async Task<HttpStatusCode> GetFromAsync(TestGateway gateway, string ip)
    {
        using var client = SourceAddressClient.Create(gateway.Address, ip);
        using var response = await client.GetAsync("/page");
        return response.StatusCode;
    }

    [Fact]
    public async Task PerIpCounter_CountsAcrossRequests_SurvivesARestart_AndExpiresOnVirtualTime()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
        var directory = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "counter.conf"), CounterRules);

        var gateway = await TestGateway.StartInAsync(directory, Config(origin.Url), time);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await GetFromAsync(gateway, "127.0.0.2"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await GetFromAsync(gateway, "127.0.0.2"));
        Assert.Equal(HttpStatusCode.OK, await GetFromAsync(gateway, "127.0.0.3")); // another client has its own record
        await gateway.StopKeepingStateAsync();

        // The records are in the state store file, not only in the stopped process's memory.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(directory, "data", "rempart.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var read = db.CreateCommand();
            read.CommandText = "SELECT data FROM seclang_collections WHERE collection = 'IP' AND key = '127.0.0.2';";
            var data = (string?)await read.ExecuteScalarAsync();
            Assert.NotNull(data);
            Assert.Contains("\"hits\":\"3\"", data, StringComparison.Ordinal);
        }

        await using var restarted = await TestGateway.StartInAsync(directory, Config(origin.Url), time);
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetFromAsync(restarted, "127.0.0.2"));
        Assert.Equal(HttpStatusCode.OK, await GetFromAsync(restarted, "127.0.0.3"));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetFromAsync(restarted, "127.0.0.2"));
        time.Advance(TimeSpan.FromSeconds(2)); // expirevar:ip.hits=60 has passed: the counter starts again
        Assert.Equal(HttpStatusCode.OK, await GetFromAsync(restarted, "127.0.0.2"));
    }

    [Fact]
    public async Task Memory_IsBoundedByCapacity_AndARecordDroppedFromMemory_IsReadBackFromTheStore()
    {
        var directory = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
        await using var store = await SqliteStateStore.OpenAsync(Path.Combine(directory, "rempart.db"));
        using var meter = new Meter("test.seclang.collections");
        await using var collections = await SecLangCollections.StartAsync(store, time, meter, NullLogger.Instance, capacity: 2);
        var now = time.GetUtcNow();
        void Put(int i) => collections.Store("IP", $"10.0.0.{i}", Rempart.SecLang.Engine.CollectionUpdate.Replace(new Dictionary<string, string> { ["hits"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }), now, TimeSpan.FromMinutes(10));
        for (var i = 1; i <= 4; i++)
        {
            Put(i);
        }

        // The write loop stores the batch, then trims memory to the capacity.
        await Eventually.TrueAsync(() => collections.Count <= 2, "memory trimmed to the capacity");
        Put(5);
        await collections.FlushAsync();
        Assert.Equal(5, (await store.ListCollectionRecordsAsync(now, 100)).Count);
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), collections.Load("ip", $"10.0.0.{i}", now)["hits"]);
        }

        Assert.Empty(collections.Load("IP", "10.0.0.6", now));
        Assert.Empty(collections.Load("IP", "10.0.0.1", now + TimeSpan.FromMinutes(11))); // SecCollectionTimeout passed
    }
}
