using System.Text;

namespace Rempart.Caching.Tests.Storage;

internal static class EntryFactory
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static CacheEntry Make(string path = "/a", string body = "hello", string? vary = null, DateTimeOffset? at = null, params string[] tags)
    {
        var headers = HeaderList.Of(("Cache-Control", "max-age=60"), ("Content-Type", "text/plain"));
        IReadOnlyList<VaryValue> varyValues = vary is null ? [] : [new VaryValue("Foo", vary)];
        var time = at ?? Now;
        return new CacheEntry(Guid.NewGuid(), new CacheKey("http://example.test" + path, ""), "example.test", path, varyValues, 200, headers,
            time, time, new MemoryCacheBody(Encoding.UTF8.GetBytes(body)), tags, ["CDN-Cache-Control"]);
    }

    public static async Task<string?> ReadBody(CacheEntry entry)
    {
        using var handle = await entry.Body.OpenAsync(CancellationToken.None);
        if (handle is null)
        {
            return null;
        }
        return Encoding.UTF8.GetString(await handle.ReadAllAsync(CancellationToken.None));
    }
}
