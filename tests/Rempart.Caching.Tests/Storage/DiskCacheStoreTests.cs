using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Storage;

public sealed class DiskCacheStoreTests
{
    private static readonly string[] Targeted = ["CDN-Cache-Control"];

    private static DiskCacheStore Open(string dir, long max = 10 * 1024 * 1024) => DiskCacheStore.Open(dir, max, 1024 * 1024, Targeted);

    private static string[] EntryFiles(string dir) => Directory.GetFiles(dir, "*.entry", SearchOption.AllDirectories);

    [Fact]
    public async Task Entry_SurvivesRestart_WithEveryField()
    {
        using var tmp = new TempDirectory();
        var entry = EntryFactory.Make("/img/a.png", "payload", vary: "1", tags: ["img", "a"]);
        using (var store = Open(tmp.Path))
        {
            Assert.True(await store.PutAsync(entry, CancellationToken.None));
        }
        using var reopened = Open(tmp.Path);
        var loaded = Assert.Single(reopened.GetVariants(entry.Key.Primary));
        Assert.Equal(entry.Id, loaded.Id);
        Assert.Equal(entry.Key, loaded.Key);
        Assert.Equal(entry.Path, loaded.Path);
        Assert.Equal(entry.Status, loaded.Status);
        Assert.Equal(entry.ResponseTime, loaded.ResponseTime);
        Assert.Equal(entry.VaryValues, loaded.VaryValues);
        Assert.Equal(entry.SurrogateKeys, loaded.SurrogateKeys);
        Assert.Equal(entry.Headers.Lines, loaded.Headers.Lines);
        Assert.Equal("payload", await EntryFactory.ReadBody(loaded));
    }

    [Fact]
    public async Task TornFile_IsAMissAndRemoved()
    {
        using var tmp = new TempDirectory();
        using (var store = Open(tmp.Path))
        {
            await store.PutAsync(EntryFactory.Make(body: new string('z', 1000)), CancellationToken.None);
        }
        var file = Assert.Single(EntryFiles(tmp.Path));
        using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }
        using var reopened = Open(tmp.Path);
        Assert.Empty(reopened.GetVariants("http://example.test/a"));
        Assert.Empty(EntryFiles(tmp.Path));
    }

    [Fact]
    public async Task CorruptBody_IsDetectedOnFirstRead()
    {
        using var tmp = new TempDirectory();
        using (var store = Open(tmp.Path))
        {
            await store.PutAsync(EntryFactory.Make(body: "the right bytes"), CancellationToken.None);
        }
        var file = Assert.Single(EntryFiles(tmp.Path));
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0xff; // same length, one flipped byte in the body
        File.WriteAllBytes(file, bytes);
        using var reopened = Open(tmp.Path);
        var entry = Assert.Single(reopened.GetVariants("http://example.test/a"));
        Assert.Null(await EntryFactory.ReadBody(entry));
    }

    [Fact]
    public async Task CorruptMetadata_IsAMiss()
    {
        using var tmp = new TempDirectory();
        using (var store = Open(tmp.Path))
        {
            await store.PutAsync(EntryFactory.Make(), CancellationToken.None);
        }
        var file = Assert.Single(EntryFiles(tmp.Path));
        var bytes = File.ReadAllBytes(file);
        bytes[CacheEntryFormat.HeaderSize + 20] ^= 0x55;
        File.WriteAllBytes(file, bytes);
        using var reopened = Open(tmp.Path);
        Assert.Equal(0, reopened.Stats.Entries);
    }

    [Fact]
    public async Task UnknownVersion_IsAMiss()
    {
        using var tmp = new TempDirectory();
        using (var store = Open(tmp.Path))
        {
            await store.PutAsync(EntryFactory.Make(), CancellationToken.None);
        }
        var file = Assert.Single(EntryFiles(tmp.Path));
        var bytes = File.ReadAllBytes(file);
        bytes[4] = 99; // version 99
        File.WriteAllBytes(file, bytes);
        using var reopened = Open(tmp.Path);
        Assert.Equal(0, reopened.Stats.Entries);
    }

    [Fact]
    public async Task ForeignFilesAndLeftoverTemps_AreIgnored()
    {
        using var tmp = new TempDirectory();
        var v1 = Path.Combine(tmp.Path, "v1");
        Directory.CreateDirectory(Path.Combine(v1, "ab"));
        Directory.CreateDirectory(Path.Combine(v1, "tmp"));
        File.WriteAllText(Path.Combine(v1, "ab", "abcdef.entry"), "not an entry");
        File.WriteAllText(Path.Combine(v1, "tmp", "half.tmp"), "half written");
        File.WriteAllBytes(Path.Combine(v1, "ab", "empty.entry"), []);
        using var store = Open(tmp.Path);
        Assert.Equal(0, store.Stats.Entries);
        Assert.Empty(Directory.GetFiles(Path.Combine(v1, "tmp")));
        Assert.True(await store.PutAsync(EntryFactory.Make(), CancellationToken.None));
    }

    [Fact]
    public async Task DirectoryDeletedAtRunTime_ReadsMiss_WritesRecover()
    {
        using var tmp = new TempDirectory();
        using var store = Open(tmp.Path);
        var entry = EntryFactory.Make(body: "one");
        await store.PutAsync(entry, CancellationToken.None);
        Directory.Delete(tmp.Path, recursive: true);
        var stale = Assert.Single(store.GetVariants(entry.Key.Primary));
        Assert.Null(await EntryFactory.ReadBody(stale));
        Assert.True(await store.PutAsync(EntryFactory.Make("/b", "two"), CancellationToken.None));
        Assert.Equal("two", await EntryFactory.ReadBody(Assert.Single(store.GetVariants("http://example.test/b"))));
    }

    [Fact]
    public async Task DiskFull_WriteIsNotStored_AndLeavesNoTemp()
    {
        using var tmp = new TempDirectory();
        using var store = Open(tmp.Path);
        var old = EntryFactory.Make(body: "old version");
        await store.PutAsync(old, CancellationToken.None);
        store.CreateTempStream = path => new FullDiskStream(new FileStream(path, FileMode.CreateNew), capacity: 300);
        Assert.False(await store.PutAsync(EntryFactory.Make(body: new string('n', 500)), CancellationToken.None));
        Assert.Equal(1, store.WriteFailures);
        Assert.Empty(Directory.GetFiles(Path.Combine(tmp.Path, "v1", "tmp")));
        Assert.Equal("old version", await EntryFactory.ReadBody(Assert.Single(store.GetVariants(old.Key.Primary))));
    }

    [Fact]
    public async Task SizeBound_EvictsAndDeletesFiles()
    {
        using var tmp = new TempDirectory();
        var sample = EntryFactory.Make("/0", new string('x', 1000));
        using var store = Open(tmp.Path, max: sample.Size * 3 + 100);
        for (var i = 0; i < 6; i++)
        {
            await store.PutAsync(EntryFactory.Make("/" + i, new string('x', 1000)), CancellationToken.None);
        }
        Assert.Equal(3, store.Stats.Entries);
        Assert.Equal(3, EntryFiles(tmp.Path).Length);
        Assert.Empty(store.GetVariants("http://example.test/0"));
        Assert.NotEmpty(store.GetVariants("http://example.test/5"));
    }

    [Fact]
    public async Task Invalidation_DeletesFiles()
    {
        using var tmp = new TempDirectory();
        using var store = Open(tmp.Path);
        await store.PutAsync(EntryFactory.Make("/a"), CancellationToken.None);
        await store.PutAsync(EntryFactory.Make("/b", tags: ["t"]), CancellationToken.None);
        Assert.Equal(1, store.RemoveWhere(e => e.SurrogateKeys.Contains("t")));
        Assert.Single(EntryFiles(tmp.Path));
        Assert.Equal(1, store.Clear());
        Assert.Empty(EntryFiles(tmp.Path));
    }

    [Fact]
    public async Task Tiered_PromotesAndFallsBack()
    {
        using var tmp = new TempDirectory();
        var memory = new MemoryCacheStore(1024 * 1024, 1024);
        using var tiered = new TieredCacheStore(memory, Open(tmp.Path));
        var small = EntryFactory.Make("/s", "small");
        var large = EntryFactory.Make("/l", new string('L', 5000));
        Assert.True(await tiered.PutAsync(small, CancellationToken.None));
        Assert.True(await tiered.PutAsync(large, CancellationToken.None));
        Assert.Single(memory.GetVariants(small.Key.Primary));
        Assert.Empty(memory.GetVariants(large.Key.Primary));
        Assert.Single(tiered.GetVariants(large.Key.Primary));

        memory.Clear(); // e.g. a restart: memory empty, disk warm
        var fromDisk = Assert.Single(tiered.GetVariants(small.Key.Primary));
        Assert.IsType<FileCacheBody>(fromDisk.Body);
        tiered.Touch(fromDisk);
        for (var i = 0; i < 200 && memory.GetVariants(small.Key.Primary).Count == 0; i++)
        {
            await Task.Delay(10); // promotion runs in the background
        }
        Assert.IsType<MemoryCacheBody>(Assert.Single(memory.GetVariants(small.Key.Primary)).Body);
        Assert.Equal(1, tiered.RemoveKey(small.Key.Primary));
        Assert.Empty(tiered.GetVariants(small.Key.Primary));
    }

    [Fact]
    public async Task Tiered_NewVersionTooLargeForMemory_DropsTheOldMemoryCopy()
    {
        using var tmp = new TempDirectory();
        var memory = new MemoryCacheStore(1024 * 1024, 1024);
        using var tiered = new TieredCacheStore(memory, Open(tmp.Path));
        await tiered.PutAsync(EntryFactory.Make("/v", "small old"), CancellationToken.None);
        await tiered.PutAsync(EntryFactory.Make("/v", new string('N', 5000)), CancellationToken.None);
        var only = Assert.Single(tiered.GetVariants("http://example.test/v"));
        Assert.Equal(5000, only.Body.Length);
    }

    [Fact]
    public async Task Engine_OnDisk_ServesAfterRestart_AndMissesWhenFilesVanish()
    {
        using var tmp = new TempDirectory();
        using (var h = new CacheHarness(store: Open(tmp.Path)))
        {
            h.Origin.Reply(200, "persisted", ("Cache-Control", "max-age=600"));
            await h.Get();
        }
        using (var h = new CacheHarness(store: Open(tmp.Path)))
        {
            var hit = await h.Get();
            Assert.False(hit.OriginContacted);
            Assert.Equal("persisted", hit.Body);
            foreach (var file in EntryFiles(tmp.Path))
            {
                File.Delete(file);
            }
            h.Origin.Reply(200, "refetched", ("Cache-Control", "max-age=600"));
            var miss = await h.Get();
            Assert.True(miss.OriginContacted);
            Assert.Equal("refetched", miss.Body);
        }
    }

    [Fact]
    public async Task LargeFill_StreamsToDisk_AndServesAfterRestart()
    {
        using var tmp = new TempDirectory();
        var body = string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + (i % 26))));
        var options = new CacheEngineOptions { SpillThreshold = 1024 };
        using (var h = new CacheHarness(options: options, store: new TieredCacheStore(new MemoryCacheStore(1024 * 1024, 4096), Open(tmp.Path))))
        {
            h.Origin.Reply(200, body, ("Cache-Control", "max-age=600"), ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True((await h.Get()).Stored);
            var entry = Assert.Single(h.Store.GetVariants("http://example.test/r"));
            Assert.IsType<FileCacheBody>(entry.Body);
            Assert.Empty(Directory.GetFiles(Path.Combine(tmp.Path, "v1", "tmp")));
            var hit = await h.Get("/r", ("Range", "bytes=19990-"));
            Assert.Equal(206, hit.Status);
            Assert.Equal(body[19990..], hit.Body);
        }
        using (var h = new CacheHarness(store: Open(tmp.Path)))
        {
            var hit = await h.Get();
            Assert.False(hit.OriginContacted);
            Assert.Equal(body, hit.Body);
        }
    }

    [Fact]
    public async Task LargeFill_DiskFullMidBody_IsNotStored_ClientGetsEverything()
    {
        using var tmp = new TempDirectory();
        var disk = Open(tmp.Path);
        disk.CreateTempStream = path => new FullDiskStream(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite), capacity: 3000);
        using var h = new CacheHarness(options: new CacheEngineOptions { SpillThreshold = 512 }, store: disk);
        var body = new string('q', 10_000);
        h.Origin.Reply(200, body, ("Cache-Control", "max-age=600")).Reply(200, "again", ("Cache-Control", "max-age=600"));
        var first = await h.Get();
        Assert.Equal(body, first.Body);
        Assert.False(first.Stored);
        Assert.Empty(Directory.GetFiles(Path.Combine(tmp.Path, "v1", "tmp")));
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task MemoryOnly_ObjectOverTheTierLimit_IsAbandonedEarly()
    {
        using var h = new CacheHarness(store: new MemoryCacheStore(1024 * 1024, 100));
        h.Origin.Reply(200, new string('m', 1000), ("Cache-Control", "max-age=600"));
        var first = await h.Get();
        Assert.False(first.Stored);
        Assert.Equal(1000, first.Body.Length);
    }

    [Fact]
    public async Task Update304_OfADiskEntry_RewritesItWithoutLosingTheBody()
    {
        using var tmp = new TempDirectory();
        using var h = new CacheHarness(store: Open(tmp.Path));
        h.Origin.Reply(200, "disk body", ("Cache-Control", "max-age=2"), ("ETag", "\"1\""), ("X-V", "1"))
            .Reply(304, "", ("Cache-Control", "max-age=600"), ("X-V", "2"));
        await h.Get();
        h.Advance(3);
        var revalidated = await h.Get();
        Assert.Equal("disk body", revalidated.Body);
        var hit = await h.Get();
        Assert.False(hit.OriginContacted);
        Assert.Equal("2", hit.Header("X-V"));
        Assert.Equal("disk body", hit.Body);
        Assert.Single(EntryFiles(tmp.Path));
    }

    [Fact]
    public void Factory_BuildsMemoryOnlyOrTiered()
    {
        using var tmp = new TempDirectory();
        using var memoryOnly = CacheStoreFactory.Create(1024 * 1024, 1024, null, 0, 0, new CacheEngineOptions());
        Assert.IsType<MemoryCacheStore>(memoryOnly);
        using var tiered = CacheStoreFactory.Create(1024 * 1024, 1024, tmp.Path, 10 * 1024 * 1024, 1024 * 1024, new CacheEngineOptions());
        Assert.Equal(1024 * 1024, Assert.IsType<TieredCacheStore>(tiered).MaxObjectBytes);
    }

    /// <summary>A stream that fails like a full disk once <c>capacity</c> bytes are written.</summary>
    private sealed class FullDiskStream(FileStream inner, int capacity) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_written + count > capacity)
            {
                throw new IOException("No space left on device");
            }
            inner.Write(buffer, offset, count);
            _written += count;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.ToArray(), 0, buffer.Length);
            return ValueTask.CompletedTask;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
