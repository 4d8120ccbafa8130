using System.Globalization;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.BodyProcessors;

/// <summary>
/// Parses <c>multipart/form-data</c> bodies the way ModSecurity's strict parser judges them: form fields go
/// to ARGS_POST, files to FILES / FILES_SIZES / FILES_TMP_CONTENT, each part header line to
/// MULTIPART_PART_HEADERS (keyed by the part name), and anomalies raise the MULTIPART_* flags
/// (MULTIPART_STRICT_ERROR is their union). A hard error sets REQBODY_ERROR with ModSecurity's message.
/// </summary>
internal static class MultipartParser
{
    /// <summary>The flag variables this parser sets (each "0" or "1").</summary>
    public static readonly string[] FlagNames =
    [
        "MULTIPART_STRICT_ERROR", "MULTIPART_UNMATCHED_BOUNDARY", "MULTIPART_BOUNDARY_QUOTED", "MULTIPART_BOUNDARY_WHITESPACE",
        "MULTIPART_DATA_BEFORE", "MULTIPART_DATA_AFTER", "MULTIPART_HEADER_FOLDING", "MULTIPART_LF_LINE", "MULTIPART_CRLF_LF_LINES",
        "MULTIPART_MISSING_SEMICOLON", "MULTIPART_INVALID_QUOTING", "MULTIPART_INVALID_PART", "MULTIPART_INVALID_HEADER_FOLDING",
        "MULTIPART_FILE_LIMIT_EXCEEDED",
    ];

    public static void Parse(Transaction tx, string body, string contentType)
    {
        var flags = tx.MultipartFlags;
        foreach (var name in FlagNames)
        {
            flags[name] = "0";
        }

        var boundary = ReadBoundary(tx, contentType);
        if (boundary is null)
        {
            Finish(tx);
            return;
        }

        var delimiter = "--" + boundary;
        var position = body.IndexOf(delimiter, StringComparison.Ordinal);
        if (position < 0)
        {
            tx.SetBodyError("Multipart: Final boundary missing.");
            Finish(tx);
            return;
        }

        if (position > 0)
        {
            Flag(tx, "MULTIPART_DATA_BEFORE");
        }

        var sawCrlf = false;
        var sawLf = false;
        var finished = false;
        while (true)
        {
            var afterDelimiter = position + delimiter.Length;
            if (string.CompareOrdinal(body, afterDelimiter, "--", 0, 2) == 0)
            {
                finished = true;
                var rest = body.AsSpan(afterDelimiter + 2);
                if (rest.TrimStart("\r\n").Length > 0)
                {
                    Flag(tx, "MULTIPART_DATA_AFTER");
                }

                break;
            }

            var lineEnd = body.IndexOf('\n', afterDelimiter);
            if (lineEnd < 0)
            {
                break;
            }

            if (body.AsSpan(afterDelimiter, lineEnd - afterDelimiter).TrimEnd('\r').Trim(" \t").Length > 0)
            {
                Flag(tx, "MULTIPART_UNMATCHED_BOUNDARY");
            }

            var partStart = lineEnd + 1;
            var next = body.IndexOf("\n" + delimiter, lineEnd, StringComparison.Ordinal);
            if (next < 0)
            {
                break;
            }

            var partEnd = next > 0 && body[next - 1] == '\r' ? next - 1 : next;
            if (body[next - 1] == '\r')
            {
                sawCrlf = true;
            }
            else
            {
                sawLf = true;
            }

            ParsePart(tx, body.AsSpan(partStart, Math.Max(0, partEnd - partStart)), ref sawCrlf, ref sawLf);
            position = next + 1;
        }

        if (!finished)
        {
            tx.SetBodyError("Multipart: Final boundary missing.");
        }

        if (sawLf)
        {
            Flag(tx, "MULTIPART_LF_LINE");
            if (sawCrlf)
            {
                Flag(tx, "MULTIPART_CRLF_LF_LINES");
            }
        }

        // Lines that look like a boundary but are not ours.
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("--", StringComparison.Ordinal) && !line.StartsWith(delimiter, StringComparison.Ordinal) && line.Length > 2 && line.TrimEnd('\r').Length > boundary.Length / 2 && boundary.Length > 0
                && line.AsSpan(2).StartsWith(boundary.AsSpan(0, Math.Min(boundary.Length, 4))))
            {
                Flag(tx, "MULTIPART_UNMATCHED_BOUNDARY");
            }
        }

        Finish(tx);
    }

    private static string? ReadBoundary(Transaction tx, string contentType)
    {
        var index = contentType.IndexOf("boundary", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            tx.SetBodyError("Multipart: Boundary not found in C-T.");
            return null;
        }

        var before = contentType.AsSpan(0, index).TrimEnd(" \t");
        if (before.Length == 0 || before[^1] != ';' && before[^1] != ',')
        {
            Flag(tx, "MULTIPART_MISSING_SEMICOLON");
        }

        var rest = contentType.AsSpan(index + "boundary".Length);
        var trimmed = rest.TrimStart(" \t");
        if (trimmed.Length != rest.Length)
        {
            Flag(tx, "MULTIPART_BOUNDARY_WHITESPACE");
        }

        if (trimmed.Length == 0 || trimmed[0] != '=')
        {
            tx.SetBodyError("Multipart: Invalid boundary in C-T (malformed).");
            return null;
        }

        var value = trimmed[1..];
        if (value.Length > 0 && (value[0] == ' ' || value[0] == '\t'))
        {
            Flag(tx, "MULTIPART_BOUNDARY_WHITESPACE");
            value = value.TrimStart(" \t");
        }

        string boundary;
        if (value.Length > 0 && value[0] == '"')
        {
            Flag(tx, "MULTIPART_BOUNDARY_QUOTED");
            var close = value[1..].IndexOf('"');
            boundary = close < 0 ? value[1..].ToString() : value.Slice(1, close).ToString();
        }
        else
        {
            var end = value.IndexOfAny(";, \t");
            boundary = (end < 0 ? value : value[..end]).ToString();
        }

        if (boundary.Length == 0 || boundary.Length > 70)
        {
            tx.SetBodyError("Multipart: Invalid boundary in C-T (length).");
            return null;
        }

        return boundary;
    }

    private static void ParsePart(Transaction tx, ReadOnlySpan<char> part, ref bool sawCrlf, ref bool sawLf)
    {
        var headers = new List<string>();
        var offset = 0;
        while (true)
        {
            var newline = part[offset..].IndexOf('\n');
            if (newline < 0)
            {
                Flag(tx, "MULTIPART_INVALID_PART");
                tx.SetBodyError("Multipart: Part headers not terminated.");
                return;
            }

            var line = part.Slice(offset, newline);
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
                sawCrlf = true;
            }
            else
            {
                sawLf = true;
            }

            offset += newline + 1;
            if (line.Length == 0)
            {
                break;
            }

            if ((line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                Flag(tx, "MULTIPART_HEADER_FOLDING");
                headers[^1] += " " + line.TrimStart(" \t").ToString();
                continue;
            }

            if (line.IndexOf(':') < 0)
            {
                tx.SetBodyError("Multipart: Invalid part header (colon missing).");
                Flag(tx, "MULTIPART_INVALID_PART");
                return;
            }

            headers.Add(line.ToString());
        }

        var data = part[offset..].ToString();
        string? name = null;
        string? filename = null;
        foreach (var header in headers)
        {
            var colon = header.IndexOf(':');
            var headerName = header[..colon].Trim();
            if (headerName.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                ParseDisposition(tx, header[(colon + 1)..], ref name, ref filename);
            }
        }

        if (name is null)
        {
            Flag(tx, "MULTIPART_INVALID_PART");
            tx.SetBodyError("Multipart: Part missing Content-Disposition header.");
            name = "";
        }

        foreach (var header in headers)
        {
            tx.MultipartPartHeaders.Add(name, header);
        }

        tx.MultipartNames.Add(name, name);
        if (filename is not null)
        {
            tx.MultipartFileNames.Add(name, filename);
            tx.Files.Add(name, filename);
            tx.FilesSizes.Add(name, data.Length.ToString(CultureInfo.InvariantCulture));
            tx.FilesTmpNames.Add(name, "");
            tx.FilesTmpContent.Add(name, data);
            tx.FilesCombinedSize += data.Length;
        }
        else
        {
            if (tx.ArgsGet.Count + tx.ArgsPost.Count >= tx.RuleSet.Settings.ArgumentsLimit)
            {
                tx.SetBodyError("Request exceeded the arguments limit.");
                return;
            }

            tx.ArgsPost.Add(name, data);
        }
    }

    private static void ParseDisposition(Transaction tx, string value, ref string? name, ref string? filename)
    {
        var s = value.AsSpan().Trim(" \t");
        if (!s.StartsWith("form-data", StringComparison.OrdinalIgnoreCase))
        {
            Flag(tx, "MULTIPART_INVALID_PART");
            tx.SetBodyError("Multipart: Invalid Content-Disposition header.");
            return;
        }

        s = s[9..];
        while (true)
        {
            s = s.TrimStart(" \t");
            if (s.Length == 0)
            {
                return;
            }

            if (s[0] != ';')
            {
                Flag(tx, "MULTIPART_INVALID_PART");
                tx.SetBodyError("Multipart: Invalid Content-Disposition header (expected semicolon).");
                return;
            }

            s = s[1..].TrimStart(" \t");
            var eq = s.IndexOf('=');
            if (eq < 0)
            {
                return;
            }

            var paramName = s[..eq].Trim(" \t").ToString();
            s = s[(eq + 1)..].TrimStart(" \t");
            string paramValue;
            if (s.Length > 0 && s[0] == '"')
            {
                var sb = new System.Text.StringBuilder();
                var i = 1;
                for (; i < s.Length && s[i] != '"'; i++)
                {
                    if (s[i] == '\\' && i + 1 < s.Length && (s[i + 1] == '"' || s[i + 1] == '\\'))
                    {
                        Flag(tx, "MULTIPART_INVALID_QUOTING");
                        i++;
                    }

                    sb.Append(s[i]);
                }

                paramValue = sb.ToString();
                s = i < s.Length ? s[(i + 1)..] : [];
            }
            else
            {
                var end = s.IndexOf(';');
                var raw = end < 0 ? s : s[..end];
                if (raw.IndexOfAny("'\\") >= 0)
                {
                    Flag(tx, "MULTIPART_INVALID_QUOTING");
                }

                paramValue = raw.Trim(" \t").ToString();
                s = end < 0 ? [] : s[end..];
            }

            if (paramName.Equals("name", StringComparison.OrdinalIgnoreCase))
            {
                name = paramValue;
            }
            else if (paramName.Equals("filename", StringComparison.OrdinalIgnoreCase) || paramName.Equals("filename*", StringComparison.OrdinalIgnoreCase))
            {
                filename = paramValue;
            }
        }
    }

    private static void Flag(Transaction tx, string name) => tx.MultipartFlags[name] = "1";

    private static void Finish(Transaction tx)
    {
        var flags = tx.MultipartFlags;
        var strict = tx.RequestBodyError != 0;
        foreach (var name in FlagNames)
        {
            if (name is not ("MULTIPART_STRICT_ERROR" or "MULTIPART_UNMATCHED_BOUNDARY") && flags.GetValueOrDefault(name) == "1")
            {
                strict = true;
            }
        }

        flags["MULTIPART_STRICT_ERROR"] = strict ? "1" : "0";
    }
}
