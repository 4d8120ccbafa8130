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
