using System.Text;

namespace Rempart.Detection.Tests.TestData;

/// <summary>
/// Reads the libinjection sample corpora as their FORMAT.md says: one sample per line, blank lines
/// and lines starting with '#' skipped, each line URL-decoded (%XX and '+'). The decoded bytes are
/// read as UTF-8 when they are valid UTF-8 (what a gateway does) and as Latin-1 otherwise, since
/// some files hold raw non-UTF-8 bytes.
/// </summary>
internal static class LibinjectionCorpus
{
    public const string Folder = "libinjection";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string DataDirectory => Path.Combine(TestDataLocator.Find(Folder)!, "data");

    public static string TestsDirectory => Path.Combine(TestDataLocator.Find(Folder)!, "tests");

    /// <summary>The data files whose names start with <paramref name="prefix"/> (sqli-, xss-), sorted.</summary>
    public static IReadOnlyList<string> Files(string prefix) =>
        Directory.GetFiles(DataDirectory, prefix + "*.txt").OrderBy(f => f, StringComparer.Ordinal).ToList();

    public static IEnumerable<string> Samples(string file)
    {
        foreach (var raw in File.ReadAllLines(file, Encoding.Latin1))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            yield return UrlDecode(line);
        }
    }

    public static string UrlDecode(string line)
    {
        var bytes = new List<byte>(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < line.Length && Uri.IsHexDigit(line[i + 1]) && Uri.IsHexDigit(line[i + 2]))
            {
                bytes.Add(Convert.ToByte(line.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c <= '\u00ff')
            {
                // Files are read as Latin-1, so there every char is one original byte.
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(line.Substring(i, char.IsHighSurrogate(c) && i + 1 < line.Length ? 2 : 1)));
                i += char.IsHighSurrogate(c) && i + 1 < line.Length ? 1 : 0;
            }
        }

        var array = bytes.ToArray();
        try
        {
            return s_strictUtf8.GetString(array);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(array);
        }
    }

    /// <summary>
    /// Reads a --TEST--/--INPUT--/--EXPECTED-- vector from tests/, trailing white space stripped from
    /// both sections as the reference driver does.
    /// </summary>
    public static (string Input, string Expected) ReadVector(string file)
    {
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        var inputStart = text.IndexOf("--INPUT--\n", StringComparison.Ordinal) + "--INPUT--\n".Length;
        var expectedMarker = text.IndexOf("--EXPECTED--", StringComparison.Ordinal);
        var input = text[inputStart..expectedMarker].TrimEnd(' ', '\n', '\t', '\r');
        var expected = text[(expectedMarker + "--EXPECTED--".Length)..].Trim(' ', '\n', '\t', '\r');
        return (input, expected);
    }
}
