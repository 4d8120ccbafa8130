using System.Globalization;

namespace Rempart.Caching.Http;

/// <summary>
/// A single byte range (RFC 9110 §14.1.2) resolved against a representation length. Only one range
/// is served from cache; several ranges, another unit or a malformed header are ignored (the full
/// representation is served, which RFC 9110 §14.2 allows).
/// </summary>
public readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length - 1;

    /// <summary>How a Range header resolves against a representation of <c>length</c> bytes.</summary>
    public enum Resolution
    {
        /// <summary>No usable range: serve the full representation.</summary>
        Ignore,

        /// <summary>Serve 206 with <see cref="ByteRange"/>.</summary>
        Partial,

        /// <summary>Serve 416 with <c>Content-Range: bytes */length</c>.</summary>
        Unsatisfiable,
    }

    public static Resolution Resolve(string? header, long length, out ByteRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(header))
        {
            return Resolution.Ignore;
        }
        var value = header.AsSpan().Trim();
        if (!value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return Resolution.Ignore;
        }
        var spec = value["bytes=".Length..].Trim();
        if (spec.Contains(','))
        {
            return Resolution.Ignore; // multiple ranges: the full body is a valid answer
        }
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return Resolution.Ignore;
        }
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.IsEmpty)
        {
            // suffix-range: the last N bytes
            if (!TryDigits(last, out var suffix))
            {
                return Resolution.Ignore;
            }
            if (suffix == 0 || length == 0)
            {
                return Resolution.Unsatisfiable;
            }
            var n = Math.Min(suffix, length);
            range = new ByteRange(length - n, n);
            return Resolution.Partial;
        }
        if (!TryDigits(first, out var start))
        {
            return Resolution.Ignore;
        }
        long end;
        if (last.IsEmpty)
        {
            end = length - 1;
        }
        else if (!TryDigits(last, out end) || end < start)
        {
            return Resolution.Ignore;
        }
        if (start >= length)
        {
            return Resolution.Unsatisfiable;
        }
        end = Math.Min(end, length - 1);
        range = new ByteRange(start, end - start + 1);
        return Resolution.Partial;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
