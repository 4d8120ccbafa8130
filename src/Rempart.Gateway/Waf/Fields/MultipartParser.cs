using System.Text;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>
/// Splits a multipart/form-data body into fields: (name, value) for each part and
/// ("filename:" + name, file name) for file parts. Tolerant of what browsers and attackers send
/// (LF-only line ends, missing final boundary, a body cut at the inspection limit).
/// </summary>
public static class MultipartParser
{
    public static List<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> body, string contentType, int maxItems, out bool oversize)
    {
        oversize = false;
        var fields = new List<KeyValuePair<string, string>>();
        var boundary = Boundary(contentType);
        if (boundary is null)
        {
            return fields;
        }

        var text = Encoding.UTF8.GetString(body);
        var delimiter = "--" + boundary;
        var parts = text.Split(delimiter);
        foreach (var raw in parts.Skip(1))
        {
            if (raw.StartsWith("--", StringComparison.Ordinal))
            {
                break; // closing delimiter
            }

            if (fields.Count >= maxItems)
            {
                oversize = true;
                break;
            }

            var part = raw.TrimStart('\r', '\n');
            var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var sepLength = 4;
            if (split < 0)
            {
                split = part.IndexOf("\n\n", StringComparison.Ordinal);
                sepLength = 2;
            }

            var headers = split < 0 ? part : part[..split];
            var value = split < 0 ? "" : part[(split + sepLength)..];
            if (value.EndsWith("\r\n", StringComparison.Ordinal))
            {
                value = value[..^2];
            }
            else if (value.EndsWith('\n'))
            {
                value = value[..^1];
            }

            var name = Parameter(headers, "name") ?? "";
            fields.Add(new(name, value));
            if (Parameter(headers, "filename") is { } fileName)
            {
                fields.Add(new("filename:" + name, fileName));
            }
        }

        return fields;
    }

    private static string? Boundary(string contentType)
    {
        var b = Parameter(contentType, "boundary");
        return string.IsNullOrEmpty(b) ? null : b;
    }

    /// <summary>Reads name="value" or name=value from a header line, case-insensitively.</summary>
    private static string? Parameter(string header, string name)
    {
        var index = 0;
        while (true)
        {
            index = header.IndexOf(name + "=", index, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return null;
            }

            // Must be a whole parameter name (filename= must not satisfy name=).
            if (index > 0 && (char.IsLetterOrDigit(header[index - 1]) || header[index - 1] == '*'))
            {
                index += name.Length;
                continue;
            }

            var start = index + name.Length + 1;
            if (start < header.Length && header[start] == '"')
            {
                var end = header.IndexOf('"', start + 1);
                return end < 0 ? header[(start + 1)..] : header[(start + 1)..end];
            }

            var stop = header.IndexOfAny([';', '\r', '\n', ' '], start);
            return stop < 0 ? header[start..] : header[start..stop];
        }
    }
}
