namespace Rempart.Caching.Tests.Storage;

/// <summary>Random operations against the index both tiers share, checked against a plain model after each step.</summary>
public sealed class VariantIndexTests
{
    [Fact]
    public void RandomOperations_KeepSizeCountAndTagsConsistent()
    {
        var random = new Random(1234);
        var sample = EntryFactory.Make("/0", new string('x', 100));
        var index = new VariantIndex(sample.Size * 20, maxVariantsPerKey: 3);
        for (var step = 0; step < 5000; step++)
        {
            var path = "/" + random.Next(15);
            switch (random.Next(6))
            {
                case 0:
                case 1:
                case 2:
                    var entry = EntryFactory.Make(path, new string('x', random.Next(300)), vary: random.Next(5).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        at: EntryFactory.Now.AddSeconds(step), tags: random.Next(2) == 0 ? ["t" + random.Next(4)] : []);
                    index.Put(entry);
                    break;
                case 3:
                    index.RemoveKey("http://example.test" + path);
                    break;
                case 4:
                    index.RemoveByTags(["t" + random.Next(4)]);
                    break;
                default:
                    foreach (var e in index.Get("http://example.test" + path))
                    {
                        index.Touch(e);
                    }
                    break;
            }
            var all = Enumerable.Range(0, 15).SelectMany(i => index.Get("http://example.test/" + i)).ToList();
            Assert.Equal(all.Count, index.Count);
            Assert.Equal(all.Sum(e => e.Size), index.Bytes);
            Assert.True(index.Bytes <= index.MaxBytes || index.Count == 1);
            Assert.All(all.GroupBy(e => e.Key.Primary), g => Assert.True(g.Count() <= 3));
            Assert.All(all.GroupBy(e => (e.Key.Primary, e.VaryValues[0].Value)), g => Assert.Single(g));
        }
        // Tags never point at removed entries.
        for (var t = 0; t < 4; t++)
        {
            var tagged = Enumerable.Range(0, 15).SelectMany(i => index.Get("http://example.test/" + i)).Count(e => e.SurrogateKeys.Contains("t" + t));
            Assert.Equal(tagged, index.RemoveByTags(["t" + t]).Count);
        }
    }
}
