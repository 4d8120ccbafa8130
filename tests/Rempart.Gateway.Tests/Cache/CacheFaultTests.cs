using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;
using static Rempart.Gateway.Tests.Cache.CacheTestSupport;

namespace Rempart.Gateway.Tests.Cache;

/// <summary>Hostile origin headers and storage faults through the gateway: never wrong content, never a crash.</summary>
public class CacheFaultTests
{
    /// <summary>Path → the origin's cache headers, and whether the second request may be a hit.</summary>
    private static readonly (string Path, (string Name, string Value)[] Headers, bool Stored)[] Cases =
    [
        ("/conflict", [("Cache-Control", "max-age=60, no-store")], false),
        ("/cdn-overrides-private", [("Cache-Control", "private, max-age=60"), ("CDN-Cache-Control", "max-age=60")], true), // RFC 9213: the targeted field replaces Cache-Control
        ("/negative", [("Cache-Control", "max-age=-1")], false),
        ("/letters", [("Cache-Control", "max-age=abc")], false),
        ("/overflow", [("Cache-Control", "max-age=99999999999999999999999")], true),
        ("/age-negative", [("Cache-Control", "max-age=60"), ("Age", "-5")], false),
        ("/age-overflow", [("Cache-Control", "max-age=60"), ("Age", "99999999999999999999999")], false),
        ("/age-list", [("Cache-Control", "max-age=60"), ("Age", "1, 2")], false),
        ("/expires-garbage", [("Cache-Control", "max-age=60"), ("Expires", "tomorrow-ish")], true),
        ("/expires-only-garbage", [("Expires", "0")], false),
        ("/vary-star", [("Cache-Control", "max-age=60"), ("Vary", "*")], false),
        ("/vary-huge", [("Cache-Control", "max-age=60"), ("Vary", string.Join(", ", Enumerable.Range(0, 200).Select(i => $"X-F{i}")))], false),
        ("/date-garbage", [("Cache-Control", "max-age=60"), ("Date", "not a date")], true),
        ("/cdn-wins", [("Cache-Control", "no-store"), ("CDN-Cache-Control", "max-age=60")], true),
        ("/cdn-invalid", [("Cache-Control", "no-store"), ("CDN-Cache-Control", "MAX-AGE=60")], false),
    ];

    [Fact]
    public async Task MalformedConflictingAndOverflowingHeaders_AreReadSafely()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = context =>
        {
            var (path, headers, _) = Cases.Single(c => c.Path == context.Request.Path);
            return Answer("content of " + path, headers)(context);
        };
        await using var gw = await TestGateway.StartAsync(Config(origin));

        foreach (var (path, _, stored) in Cases)
        {
            var before = origin.Hits;
            Assert.Equal("content of " + path, await gw.Client.GetStringAsync(path));
            Assert.Equal("content of " + path, await gw.Client.GetStringAsync(path));
            Assert.True((origin.Hits - before == 1) == stored, $"{path}: expected {(stored ? "a hit" : "no hit")} on the second request, origin saw {origin.Hits - before}");
        }
    }

    [Fact]
    public async Task DiskTier_SurvivesRestart_AndADirectoryDeletedAtRunTime()
    {
        await using var origin = await TestOrigin.StartAsync();
        var body = new string('d', 20_000);
        origin.Handler = Answer(body, ("Cache-Control", "max-age=600"));
        var dataDir = Path.Combine(Path.GetTempPath(), "rempart-tests", "cache-disk-" + Guid.NewGuid().ToString("N"));
        var yaml = $"data_dir: {dataDir}\n" + Config(origin, extra: "cache: { memory: { max_object_size: 1KiB }, disk: { path: cache } }");
        try
        {
            // The key holds the host: the same name before and after the restart (the port changes).
            async Task<string> GetAsync(TestGateway g)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/big");
                request.Headers.Host = "cdn.example.test";
                using var response = await g.Client.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }

            await using (var first = await TestGateway.StartAsync(yaml))
            {
                Assert.Equal(body, await GetAsync(first)); // stored on disk only (over the memory object limit)
            }

            await using var gw = await TestGateway.StartAsync(yaml);
            Assert.Equal(body, await GetAsync(gw));
            Assert.Equal(1, origin.Hits); // served from disk after the restart

            Directory.Delete(Path.Combine(dataDir, "cache"), recursive: true);
            Assert.Equal(body, await GetAsync(gw)); // a miss, never an error
            Assert.Equal(body, await GetAsync(gw)); // stored again: the folder is recreated
            Assert.Equal(2, origin.Hits);
            Assert.Contains("\"disk\": {", await gw.Admin.GetStringAsync("/api/v1/cache/stats"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [TmpfsFact]
    public async Task DiskTier_OnAFilesystemThatFillsUp_KeepsServing_SaysItIsFailing_AndRecovers()
    {
        // A 256 KiB filesystem, half taken by another tenant's file; 16 KiB objects go to disk only.
        using var fs = TmpfsMount.Create("256k");
        var filler = Path.Combine(fs.Path, "other-tenant.bin");
        await File.WriteAllBytesAsync(filler, new byte[128 * 1024]);
        await using var origin = await TestOrigin.StartAsync();
        static string BodyOf(string path) => string.Concat(Enumerable.Repeat(path + ";", 16 * 1024 / (path.Length + 1) + 1));
        origin.Handler = context => Answer(BodyOf(context.Request.Path!), ("Cache-Control", "max-age=600"))(context);
        var dataDir = Path.Combine(Path.GetTempPath(), "rempart-tests", "cache-full-" + Guid.NewGuid().ToString("N"));
        var cacheDir = Path.Combine(fs.Path, "cache");
        var yaml = $"data_dir: {dataDir}\n" + Config(origin, extra: $"cache: {{ memory: {{ max_object_size: 1KiB }}, disk: {{ path: {cacheDir}, max_size: 64MiB, max_object_size: 1MiB }} }}");
        var paths = Enumerable.Range(0, 12).Select(i => $"/obj/{i}").ToList();
        try
        {
            var logs = new CapturingLoggerProvider();
            using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
            await using var gw = await TestGateway.StartAsync(yaml, loggerFactory: loggerFactory);
            async Task<int> RoundAsync(IEnumerable<string> round)
            {
                var before = origin.Hits;
                foreach (var path in round)
                {
                    string body;
                    try
                    {
                        body = await gw.Client.GetStringAsync(path);
                    }
                    catch (HttpRequestException e)
                    {
                        throw new Xunit.Sdk.XunitException($"{path}: {e.Message}\n{logs.All}");
                    }

                    Assert.Equal(BodyOf(path), body); // never an error, never another object's bytes
                }

                return origin.Hits - before;
            }

            Assert.Equal(12, await RoundAsync(paths));
            var stats = await StatsAsync(gw);
            var storedOnDisk = stats.GetProperty("disk").GetProperty("entries").GetInt32();
            Assert.InRange(storedOnDisk, 1, 11); // some fitted, the disk filled up before the rest
            Assert.True(stats.GetProperty("disk_failing").GetBoolean());
            Assert.True(stats.GetProperty("disk_write_failures").GetInt64() >= 12 - storedOnDisk);
            Assert.Contains("rempart_cache_disk_failing 1", await gw.MetricsAsync(), StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(cacheDir, "*.tmp", SearchOption.AllDirectories)); // no half-written file left to fill the disk
            Assert.Single(logs.Lines, l => l.StartsWith("Error Rempart.Cache: Disk cache tier", StringComparison.Ordinal) && l.Contains("is failing", StringComparison.Ordinal)); // once, not per write

            // Served again: what was stored is a hit, what was not goes to the origin (and still cannot be stored).
            Assert.Equal(12 - storedOnDisk, await RoundAsync(paths));

            // Space frees: the next misses are stored and the tier says it is well again.
            File.Delete(filler);
            // At most the ones not stored go to the origin: a write that finished after the second round's
            // answer (the space a failed write's temp file gave back) may already have stored one more.
            Assert.InRange(await RoundAsync(paths), 0, 12 - storedOnDisk);
            Assert.Equal(0, await RoundAsync(paths));
            stats = await StatsAsync(gw);
            Assert.False(stats.GetProperty("disk_failing").GetBoolean());
            Assert.Equal(12, stats.GetProperty("disk").GetProperty("entries").GetInt32());
            Assert.Contains("rempart_cache_disk_failing 0", await gw.MetricsAsync(), StringComparison.Ordinal);
            Assert.Contains(logs.Lines, l => l.Contains("is storing again", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains("failed inside the gateway", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }

    private static async Task<System.Text.Json.JsonElement> StatsAsync(TestGateway gw) =>
        System.Text.Json.JsonDocument.Parse(await gw.Admin.GetStringAsync("/api/v1/cache/stats")).RootElement;

    [Fact]
    public async Task UnwritableDiskTier_IsAStartupErrorWithTheFix()
    {
        var blocker = Path.Combine(Path.GetTempPath(), "rempart-tests", "not-a-dir-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllTextAsync(blocker, "a file where the cache folder should be");
        try
        {
            var e = await Assert.ThrowsAsync<Rempart.Gateway.Hosting.GatewayStartupException>(() =>
                TestGateway.StartAsync($"data_dir: {blocker}-data\n" + """
                    origins: { app: { targets: ["http://127.0.0.1:9"] } }
                    routes: [ { match: { paths: ["/"] }, origin: app } ]
                    """ + $"\ncache: {{ disk: {{ path: {blocker} }} }}\n"));
            Assert.Contains("cache.disk.path", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
