using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Rempart.Gateway.Configuration.Cache;

namespace Rempart.Gateway.Cache;

/// <summary>
/// Brotli and gzip at the edge (compiled from <c>cache.compression</c>). On a cached route the
/// client's Accept-Encoding is first reduced to the one coding Rempart would answer with (br, gzip
/// or none), for the key and for the origin alike, as Varnish does: so each encoding is stored once,
/// under <c>Vary: Accept-Encoding</c>, however browsers spell the header. An origin response that
/// is compressible, uncompressed, not <c>no-transform</c> and within the size bounds is then
/// compressed on its way to the client and the store.
/// </summary>
public sealed class EdgeCompression
{
    public static readonly EdgeCompression Off = new(new CompressionConfig { Enabled = false });

    private readonly FrozenSet<string> _types;
    private readonly string[] _families;
    private readonly long _min;
    private readonly long _max;

    public EdgeCompression(CompressionConfig config)
    {
        Enabled = config.Enabled;
        _types = config.Types.Where(t => !t.EndsWith("/*", StringComparison.Ordinal)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _families = config.Types.Where(t => t.EndsWith("/*", StringComparison.Ordinal)).Select(t => t[..^1]).ToArray();
        _min = config.MinSize.Bytes;
        _max = config.MaxSize.Bytes;
    }

    public bool Enabled { get; }

    /// <summary>
    /// The coding to answer with for this Accept-Encoding: "br", "gzip", or null (identity). A tie goes
    /// to br; <c>*</c> stands for the codings the client did not name. Runs on every request of a
    /// cached route, hits included, so it parses in place: no strings, arrays or enumerators.
    /// </summary>
    public static string? Negotiate(StringValues acceptEncoding)
    {
        double br = 0, gzip = 0, star = -1;
        bool namedBr = false, namedGzip = false;
        foreach (var line in acceptEncoding)
        {
            var rest = line.AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var member = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? default : rest[(comma + 1)..];
                var semicolon = member.IndexOf(';');
                var name = (semicolon < 0 ? member : member[..semicolon]).Trim();
                var q = semicolon < 0 ? 1.0 : Quality(member[(semicolon + 1)..]);
                if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    namedBr = true;
                    br = Math.Max(br, q);
                }
                else if (name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    namedGzip = true;
                    gzip = Math.Max(gzip, q);
                }
                else if (name is "*")
                {
                    star = Math.Max(star, q);
                }
            }
        }

        if (star > 0)
        {
            br = namedBr ? br : star;
            gzip = namedGzip ? gzip : star;
        }

        return br > 0 && br >= gzip ? "br" : gzip > 0 ? "gzip" : null;
    }

    /// <summary>The <c>q</c> of a member's parameters (1 when absent, 0 when unreadable).</summary>
    private static double Quality(ReadOnlySpan<char> parameters)
    {
        var q = 1.0;
        while (!parameters.IsEmpty)
        {
            var semicolon = parameters.IndexOf(';');
            var parameter = (semicolon < 0 ? parameters : parameters[..semicolon]).Trim();
            parameters = semicolon < 0 ? default : parameters[(semicolon + 1)..];
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) && !double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out q))
            {
                q = 0;
            }
        }

        return q;
    }

    /// <summary>May this origin response be compressed on the way out?</summary>
    public bool ShouldCompress(HttpResponse response)
    {
        var headers = response.Headers;
        if (!Enabled || response.StatusCode != StatusCodes.Status200OK || headers.ContainsKey(HeaderNames.ContentEncoding)
            || headers.ContainsKey(HeaderNames.ContentRange) || headers.CacheControl.ToString().Contains("no-transform", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (response.ContentLength is { } length && (length < _min || length > _max))
        {
            return false;
        }

        var type = headers.ContentType.ToString();
        var semicolon = type.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? type : type[..semicolon]).Trim();
        if (media.Length == 0)
        {
            return false;
        }

        if (_types.Contains(media))
        {
            return true;
        }

        foreach (var family in _families)
        {
            if (media.StartsWith(family, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Turns the response's headers into those of the compressed representation.</summary>
    public static void Describe(HttpResponse response, string coding)
    {
        var headers = response.Headers;
        headers.ContentEncoding = coding;
        response.ContentLength = null;
        AddVary(response);

        // A strong validator names exact bytes; the compressed bytes are another representation.
        var etag = headers.ETag.ToString();
        if (etag.StartsWith('"'))
        {
            headers.ETag = "W/" + etag;
        }
    }

    /// <summary>Adds <c>Vary: Accept-Encoding</c> unless the response already varies on it (or on everything).</summary>
    public static void AddVary(HttpResponse response)
    {
        var headers = response.Headers;
        if (!headers.Vary.Any(v => (v ?? "").Contains("Accept-Encoding", StringComparison.OrdinalIgnoreCase) || v == "*"))
        {
            headers.Append(HeaderNames.Vary, "Accept-Encoding");
        }
    }

    public static Stream Compressor(string coding, Stream sink) => coding == "br"
        ? new BrotliStream(sink, CompressionLevel.Optimal, leaveOpen: true)
        : new GZipStream(sink, CompressionLevel.Optimal, leaveOpen: true);
}
