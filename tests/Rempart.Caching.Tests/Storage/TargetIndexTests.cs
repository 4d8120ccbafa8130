using System.Text;
using Rempart.Caching.Invalidation;

namespace Rempart.Caching.Tests.Storage;

/// <summary>
/// The path index behind wildcard invalidation, checked against a plain scan: random stores, evictions,
/// removals and invalidations over targets chosen to sit on the index's range edges.
/// </summary>
public sealed class TargetIndexTests
{
    // Neighbours in ordinal order around "/img": the prefix itself, its successor "/imh", queries, a
    // U+FFFF suffix, an empty-segment path.
    private static readonly string[] Paths = ["/", "/img", "/img/", "/img/a.png", "/img/b/c.png", "/imh", "/img0", "/imgx", "/im", "/img\uffff", "//img", "/z"];
    private static readonly string[] Queries = ["", "x=1", "y=2&x=1"];
    private static readonly string[] Hosts = ["a.test", "b.test"];
    private static readonly string[] Invalidations = ["/img/*", "/img*", "/img", "/img?x=1", "/*", "/im*", "/img\uffff*", "/imh", "/z*", "/nothing*", "/"];

    [Fact]
    public void RandomOperations_InvalidateExactlyWhatAScanWould()
    {
        var random = new Random(4321);
        var sample = Make(random);
        var index = new VariantIndex(sample.Size * 40, maxVariantsPerKey: 2);
        var live = new Dictionary<Guid, CacheEntry>();
        for (var step = 0; step < 4000; step++)
        {
            switch (random.Next(5))
            {
                case 0:
                case 1:
                case 2:
                    var entry = Make(random);
                    foreach (var dropped in index.Put(entry))
                    {
                        live.Remove(dropped.Id);
                    }
                    live[entry.Id] = entry;
                    break;
                case 3:
                    var key = live.Count == 0 ? "http://a.test/" : live.Values.ElementAt(random.Next(live.Count)).Key.Primary;
                    foreach (var removed in index.RemoveKey(key))
                    {
                        live.Remove(removed.Id);
                    }
                    break;
                default:
                    var path = Invalidations[random.Next(Invalidations.Length)];
                    var host = random.Next(3) == 0 ? Hosts[random.Next(Hosts.Length)] : null;
                    var expected = live.Values.Where(e => ScanMatches(e, path, host)).Select(e => e.Id).ToHashSet();
                    var actual = index.RemoveByTargets(InvalidationMatcher.Ranges(new CacheInvalidation { Paths = [path] }), host).Select(e => e.Id).ToHashSet();
                    Assert.Equal(expected, actual);
                    foreach (var id in actual)
                    {
                        live.Remove(id);
                    }
                    break;
            }
            Assert.Equal(live.Count, index.Count);
        }
        Assert.Equal(live.Count, index.RemoveByTargets([new TargetRange("/", Exact: false)], host: null).Count);
        Assert.Equal(0, index.Count);
    }

    /// <summary>The matching rule written as the scan did it, independently of the index.</summary>
    private static bool ScanMatches(CacheEntry entry, string path, string? host)
    {
        if (host is not null && entry.Host != host)
        {
            return false;
        }
        var target = entry.Key.Primary[(entry.Key.Primary.IndexOf('/', "http://".Length))..];
        if (path.EndsWith('*'))
        {
            return target.StartsWith(path[..^1], StringComparison.Ordinal);
        }
        return path.Contains('?') ? target == path : entry.Path == path;
    }

    private static CacheEntry Make(Random random)
    {
        var host = Hosts[random.Next(Hosts.Length)];
        var path = Paths[random.Next(Paths.Length)];
        var query = Queries[random.Next(Queries.Length)];
        var primary = "http://" + host + path + (query.Length > 0 ? "?" + query : "");
        IReadOnlyList<VaryValue> vary = [new VaryValue("Foo", random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture))];
        return new CacheEntry(Guid.NewGuid(), new CacheKey(primary, ""), host, path, vary, 200, HeaderList.Of(("Cache-Control", "max-age=60")),
            EntryFactory.Now, EntryFactory.Now, new MemoryCacheBody(Encoding.UTF8.GetBytes("x")), [], []);
    }
}
