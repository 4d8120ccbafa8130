using System.Text;
using System.Text.RegularExpressions;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>Builds the raw request bytes of a stage exactly as go-ftw does (FORMAT.md §2.2).</summary>
internal static partial class FtwRequestBuilder
{
    public static byte[] Build(FtwInput input)
    {
        if (input.EncodedRequest is not null)
        {
            return Convert.FromBase64String(input.EncodedRequest);
        }

        var body = input.Data is not null
            ? Encoding.UTF8.GetBytes(ExpandTemplate(input.Data))
            : input.EncodedData is not null ? Convert.FromBase64String(input.EncodedData) : [];
        var headers = new List<KeyValuePair<string, string>>(input.Headers);
        string? Get(string name) => headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

        var contentType = Get("Content-Type");
        if (contentType is not null && contentType.Contains("multipart/form-data;", StringComparison.OrdinalIgnoreCase))
        {
            body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\n", "\r\n", StringComparison.Ordinal));
        }

        if (input.AutocompleteHeaders)
        {
            if (body.Length > 0 && contentType is null)
            {
                contentType = "application/x-www-form-urlencoded";
                headers.Add(new("Content-Type", contentType));
            }

            if (body.Length > 0 && contentType!.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                body = EncodeForm(body);
            }

            if (Get("Connection") is null)
            {
                headers.Add(new("Connection", "close"));
            }

            if (Get("Content-Length") is null && (body.Length > 0 || MethodNeedsLength().IsMatch(input.Method)))
            {
                headers.Add(new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var sb = new StringBuilder();
        sb.Append(input.Method).Append(' ').Append(input.Uri).Append(' ').Append(input.Version).Append("\r\n");
        foreach (var header in headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            sb.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        sb.Append("\r\n");
        return [.. Encoding.UTF8.GetBytes(sb.ToString()), .. body];
    }

    /// <summary>The two Go-template forms CRS uses: <c>{{ "x" | repeat N }}</c>.</summary>
    private static string ExpandTemplate(string data) =>
        data.Contains("{{", StringComparison.Ordinal)
            ? RepeatTemplate().Replace(data, m => string.Concat(Enumerable.Repeat(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))))
            : data;

    /// <summary>Form-encodes the body unless query-unescaping it would change it or fail (go-ftw's rule).</summary>
    private static byte[] EncodeForm(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        if (!QueryUnescapeUnchanged(text))
        {
            return body;
        }

        var parts = text.Split('&').Select(pair =>
        {
            var eq = pair.IndexOf('=');
            return eq < 0 ? QueryEscape(pair) : QueryEscape(pair[..eq]) + "=" + QueryEscape(pair[(eq + 1)..]);
        });
        return Encoding.UTF8.GetBytes(string.Join('&', parts));
    }

    private static bool QueryUnescapeUnchanged(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '+')
            {
                return false;
            }

            if (text[i] == '%')
            {
                // Valid escape: unescaping changes the text; invalid: Go returns an error. Either way "not unchanged".
                return false;
            }
        }

        return true;
    }

    private static string QueryEscape(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("^POST|PUT|PATCH|DELETE$")]
    private static partial Regex MethodNeedsLength();

    [GeneratedRegex("""\{\{\s*"([^"]*)"\s*\|\s*repeat\s+(\d+)\s*\}\}""")]
    private static partial Regex RepeatTemplate();
}
