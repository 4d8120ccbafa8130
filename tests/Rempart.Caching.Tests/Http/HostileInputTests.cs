using System.Text;
using Rempart.Caching.Semantics;

namespace Rempart.Caching.Tests.Http;

/// <summary>
/// Seeded random input through every parser and the disk format reader: nothing may throw, and
/// what they return must stay within the documented bounds.
/// </summary>
public sealed class HostileInputTests
{
    private const int Rounds = 3000;
    private static readonly string Alphabet = "max-age=s-maxage,no-cacheprivate\"\\;=*-0123456789 \t,W/:?()abcXYZ\u00e9\u0000\u00ff";

    private static string RandomText(Random random, int maxLength)
    {
        var length = random.Next(maxLength);
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            sb.Append(Alphabet[random.Next(Alphabet.Length)]);
        }
        return sb.ToString();
    }

    [Fact]
    public void Parsers_NeverThrow_AndStayInBounds()
    {
        var random = new Random(9111);
        for (var i = 0; i < Rounds; i++)
        {
            var text = RandomText(random, 80);
            var cc = CacheControlParser.Parse(text);
            Assert.InRange(cc.MaxAge ?? 0, 0, CacheDirectives.MaxDeltaSeconds);
            Assert.InRange(cc.SharedMaxAge ?? 0, 0, CacheDirectives.MaxDeltaSeconds);
            if (TargetedFieldParser.TryParse([text], out var targeted))
            {
                Assert.InRange(targeted.MaxAge ?? 0, 0, CacheDirectives.MaxDeltaSeconds);
            }
            if (HttpDate.TryParse(text, out var date))
            {
                Assert.InRange(date.Year, 1, 9999);
            }
            if (ByteRange.Resolve(text, 100, out var range) == ByteRange.Resolution.Partial)
            {
                Assert.InRange(range.Start, 0, 99);
                Assert.InRange(range.End, range.Start, 99);
            }
            EntityTags.IfNoneMatchMatches(text, "\"x\"");
            VaryFields.Parse([text]);
            FieldNormalizer.Normalize("Accept-Language", [text]);
            var facts = ResponseFacts.Parse(HeaderList.Of(("Cache-Control", text), ("Age", text), ("Expires", text), ("Date", text), ("Vary", text), ("CDN-Cache-Control", text)), ["CDN-Cache-Control"]);
            var t = DateTimeOffset.UnixEpoch;
            var age = Freshness.CurrentAge(facts, t, t, t.AddYears(1));
            var lifetime = Freshness.Lifetime(facts, 200, t, CachePolicy.Default);
            Assert.False(double.IsNaN(age) || double.IsNaN(lifetime));
            Assert.InRange(age, 0, CacheDirectives.MaxDeltaSeconds);
        }
    }

    [Fact]
    public void EntryFormat_RandomBytes_AreNeverAnEntry()
    {
        var random = new Random(4242);
        for (var i = 0; i < Rounds; i++)
        {
            var bytes = new byte[random.Next(200)];
            random.NextBytes(bytes);
            if (random.Next(2) == 0 && bytes.Length >= 4)
            {
                "RMPC"u8.CopyTo(bytes); // get past the magic now and then
            }
            CacheEntryFormat.TryReadHeader(bytes, out _);
            _ = CacheEntryFormat.TryReadMetadata(bytes, MemoryCacheBody.Empty, []); // must not throw
        }
    }

    [Fact]
    public void EntryFormat_TruncatedMetadata_IsNeverAnEntry()
    {
        var entry = Storage.EntryFactory.Make("/x", "body", vary: "v", tags: ["t"]);
        var metadata = CacheEntryFormat.WriteMetadata(entry);
        Assert.NotNull(CacheEntryFormat.TryReadMetadata(metadata, MemoryCacheBody.Empty, []));
        for (var cut = 0; cut < metadata.Length; cut++)
        {
            Assert.Null(CacheEntryFormat.TryReadMetadata(metadata[..cut], MemoryCacheBody.Empty, []));
        }
    }
}
