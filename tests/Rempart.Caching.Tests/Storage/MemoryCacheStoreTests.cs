namespace Rempart.Caching.Tests.Storage;

public sealed class MemoryCacheStoreTests
{
    [Fact]
    public async Task Put_ThenGet_ReturnsTheEntry()
    {
        using var store = new MemoryCacheStore(1024 * 1024, 1024);
        var entry = EntryFactory.Make();
        Assert.True(await store.PutAsync(entry, CancellationToken.None));
        Assert.Same(entry, Assert.Single(store.GetVariants(entry.Key.Primary)));
    }

    [Fact]
    public async Task ObjectLargerThanLimit_IsRefused()
    {
        using var store = new MemoryCacheStore(1024 * 1024, 4);
        Assert.False(await store.PutAsync(EntryFactory.Make(body: "too long"), CancellationToken.None));
        Assert.Equal(0, store.Stats.Entries);
    }

    [Fact]
    public async Task SizeBound_EvictsLeastRecentlyUsed()
    {
        var one = EntryFactory.Make("/1", new string('x', 400));
        using var store = new MemoryCacheStore(one.Size * 3 + 10, 4096);
        var two = EntryFactory.Make("/2", new string('x', 400));
        var three = EntryFactory.Make("/3", new string('x', 400));
        await store.PutAsync(one, CancellationToken.None);
        await store.PutAsync(two, CancellationToken.None);
        await store.PutAsync(three, CancellationToken.None);
        store.Touch(one); // one is now the most recently used; two is the oldest
        await store.PutAsync(EntryFactory.Make("/4", new string('x', 400)), CancellationToken.None);
        Assert.NotEmpty(store.GetVariants(one.Key.Primary));
        Assert.Empty(store.GetVariants(two.Key.Primary));
        Assert.True(store.Stats.Bytes <= store.Stats.MaxBytes);
    }

    [Fact]
    public async Task SameVariant_IsReplaced_OtherVariantsKept()
    {
        using var store = new MemoryCacheStore(1024 * 1024, 1024);
        await store.PutAsync(EntryFactory.Make(vary: "1", body: "old"), CancellationToken.None);
        await store.PutAsync(EntryFactory.Make(vary: "2", body: "other"), CancellationToken.None);
        await store.PutAsync(EntryFactory.Make(vary: "1", body: "new"), CancellationToken.None);
        var variants = store.GetVariants("http://example.test/a");
        Assert.Equal(2, variants.Count);
        Assert.Contains(variants, v => v.VaryValues[0].Value == "1" && v.Body.Length == 3);
        Assert.Equal(2, store.Stats.Entries);
    }

    [Fact]
    public async Task Accounting_ReturnsToZero()
    {
        using var store = new MemoryCacheStore(1024 * 1024, 1024);
        for (var i = 0; i < 20; i++)
        {
            await store.PutAsync(EntryFactory.Make("/" + (i % 5), vary: (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None);
        }
        Assert.Equal(15, store.Stats.Entries);
        store.RemoveKey("http://example.test/0");
        Assert.Equal(12, store.Stats.Entries);
        store.RemoveWhere(e => e.Path == "/1");
        store.Clear();
        Assert.Equal(new CacheStoreStats(0, 0, 1024 * 1024), store.Stats);
    }

    [Fact]
    public async Task SurrogateKeyIndex_FollowsReplacementAndEviction()
    {
        using var store = new MemoryCacheStore(1024 * 1024, 1024);
        await store.PutAsync(EntryFactory.Make("/a", tags: ["red", "blue"]), CancellationToken.None);
        await store.PutAsync(EntryFactory.Make("/b", tags: ["red"]), CancellationToken.None);
        await store.PutAsync(EntryFactory.Make("/a", tags: ["green"]), CancellationToken.None); // new version drops red/blue
        Assert.Equal(0, store.RemoveBySurrogateKeys(["blue"]));
        Assert.Equal(1, store.RemoveBySurrogateKeys(["red"]));
        Assert.Equal(1, store.RemoveBySurrogateKeys(["green", "red"]));
        Assert.Equal(0, store.Stats.Entries);
    }

    [Fact]
    public async Task ConcurrentUse_KeepsTheIndexConsistent()
    {
        using var store = new MemoryCacheStore(200_000, 1024);
        await Parallel.ForAsync(0, 2000, async (i, ct) =>
        {
            var entry = EntryFactory.Make("/" + (i % 50), new string('y', i % 300));
            await store.PutAsync(entry, ct);
            foreach (var e in store.GetVariants(entry.Key.Primary))
            {
                store.Touch(e);
            }
            if (i % 7 == 0)
            {
                store.RemoveKey(entry.Key.Primary);
            }
        });
        var stats = store.Stats;
        Assert.True(stats.Bytes <= stats.MaxBytes);
        Assert.True(stats.Entries <= 50);
        store.Clear();
        Assert.Equal(0, store.Stats.Bytes);
    }
}
