using System.Text;

namespace Rempart.Detection.Tests.TestData;

/// <summary>
/// Reads the <c>payload:</c> list of a gotestwaf test-case file (see attacks/FORMAT.md). Only what
/// those files use is supported: block-sequence items that are plain, single-quoted or double-quoted
/// scalars, with double-quoted escapes (including go-yaml's <c>\'</c>) and line continuations.
/// The detectors see the payload as gotestwaf writes it, before any encoder.
/// </summary>
internal static class GotestwafPayloads
{
    public const string Folder = "attacks/gotestwaf";

    public static string Directory => TestDataLocator.Find(Folder)!;

    public static IReadOnlyList<string> Read(string file)
    {
        var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var payloads = new List<string>();
        var inPayload = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '-' && line[0] != '#')
            {
                inPayload = line.StartsWith("payload:", StringComparison.Ordinal);
                continue;
            }

            var trimmed = line.TrimStart();
            if (!inPayload || !trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                continue;
            }

            var scalar = trimmed[2..];
            payloads.Add(scalar.Length > 0 && scalar[0] is '"' or '\''
                ? ReadQuoted(lines, ref i, line.IndexOf(scalar[0], StringComparison.Ordinal))
                : scalar.TrimEnd());
        }

        return payloads;
    }

    private static string ReadQuoted(string[] lines, ref int lineIndex, int column)
    {
        var quote = lines[lineIndex][column];
        var value = new StringBuilder();
        var line = lines[lineIndex];
        var i = column + 1;
        while (true)
        {
            if (i >= line.Length)
            {
                // An unescaped line break inside a quoted scalar folds to a space.
                if (++lineIndex >= lines.Length)
                {
                    return value.ToString();
                }

                line = lines[lineIndex];
                value.Append(' ');
                i = SkipIndent(line);
                continue;
            }

            var c = line[i];
            if (c == quote)
            {
                if (quote == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                return value.ToString();
            }

            if (quote == '"' && c == '\\')
            {
                if (i + 1 >= line.Length)
                {
                    // A backslash at the end of a line continues the scalar without a space.
                    if (++lineIndex >= lines.Length)
                    {
                        return value.ToString();
                    }

                    line = lines[lineIndex];
                    i = SkipIndent(line);
                    continue;
                }

                value.Append(line[i + 1] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    var other => other,
                });
                i += 2;
                continue;
            }

            value.Append(c);
            i++;
        }
    }

    private static int SkipIndent(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }
}
