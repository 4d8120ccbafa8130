using System.Globalization;

namespace Rempart.Gateway.Configuration;

/// <summary>
/// A size in bytes written the way operators write it: <c>512</c>, <c>16KiB</c>, <c>10MiB</c>, <c>1GiB</c>
/// (also KB/MB/GB, taken as powers of 1000, and a bare number as bytes).
/// </summary>
public readonly record struct ByteSize(long Bytes)
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1024L), ("MiB", 1024L * 1024), ("GiB", 1024L * 1024 * 1024),
        ("KB", 1000L), ("MB", 1000L * 1000), ("GB", 1000L * 1000 * 1000),
        ("K", 1024L), ("M", 1024L * 1024), ("G", 1024L * 1024 * 1024), ("B", 1L),
    ];

    public static bool TryParse(string text, out ByteSize size)
    {
        size = default;
        var s = text.Trim();
        long factor = 1;
        foreach (var (suffix, f) in Units)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = f;
                s = s[..^suffix.Length].TrimEnd();
                break;
            }
        }

        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return false;
        }

        var bytes = value * factor;
        if (bytes > long.MaxValue)
        {
            return false;
        }

        size = new ByteSize((long)bytes);
        return true;
    }

    public override string ToString()
    {
        foreach (var (suffix, f) in Units.Take(3).Reverse())
        {
            if (Bytes >= f && Bytes % f == 0)
            {
                return (Bytes / f).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return Bytes.ToString(CultureInfo.InvariantCulture);
    }
}
