using System.Text;
using System.Text.Json;

namespace Rempart.Gateway.Waf.Fields;

/// <summary>
/// The parts of a request that need parsing — query arguments, cookies, body text, form fields,
/// JSON values — parsed on first use and kept for the rest of the evaluation. Each list is capped
/// (<see cref="MaxItems"/>); beyond it the part is marked oversize, so 10,000 arguments cost a
/// bounded amount of work and are handled by the statement's oversize setting.
/// </summary>
public sealed class RequestParts(WafRequest request)
{
    public const int MaxItems = 2_000;
    public const int MaxJsonDepth = 64;

    private List<KeyValuePair<string, string>>? _query;
    private List<KeyValuePair<string, string>>? _cookies;
    private string? _bodyText;
    private List<KeyValuePair<string, string>>? _form;
    private List<KeyValuePair<string, string>>? _json;
    private bool _jsonValid;

    public bool QueryOversize { get; private set; }

    public bool CookiesOversize { get; private set; }

    public bool FormOversize { get; private set; }

    public bool JsonOversize { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> QueryArguments
    {
        get
        {
            if (_query is null)
            {
                _query = ParsePairs(request.QueryString, '&', '=', out var oversize);
                QueryOversize = oversize;
            }

            return _query;
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Cookies
    {
        get
        {
            if (_cookies is null)
            {
                var all = string.Join("; ", request.Headers.Where(h => h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
                _cookies = ParsePairs(all, ';', '=', out var oversize);
                CookiesOversize = oversize;
            }

            return _cookies;
        }
    }

    /// <summary>The inspected body as text (UTF-8, invalid bytes replaced).</summary>
    public string BodyText => _bodyText ??= Encoding.UTF8.GetString(request.Body.Span);

    /// <summary>Fields of urlencoded and multipart bodies: (name, value) and, for files, ("filename:" + name, file name).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FormFields
    {
        get
        {
            if (_form is null)
            {
                var type = request.ContentType;
                if (type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
                {
                    _form = ParsePairs(BodyText, '&', '=', out var oversize);
                    FormOversize = oversize || request.BodyOversize;
                }
                else if (type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
                {
                    _form = MultipartParser.Parse(request.Body.Span, type, MaxItems, out var oversize);
                    FormOversize = oversize || request.BodyOversize;
                }
                else
                {
                    _form = [];
                }
            }

            return _form;
        }
    }

    /// <summary>JSON values with their JSON Pointers; <see cref="JsonValid"/> is false when the body is not JSON.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> JsonValues
    {
        get
        {
            if (_json is null)
            {
                _json = [];
                try
                {
                    using var doc = JsonDocument.Parse(request.Body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth, AllowTrailingCommas = true });
                    Flatten(doc.RootElement, "", _json);
                    _jsonValid = true;
                }
                catch (JsonException)
                {
                    _jsonValid = false;
                }

                JsonOversize = request.BodyOversize || _json.Count >= MaxItems;
            }

            return _json;
        }
    }

    public bool JsonValid
    {
        get
        {
            _ = JsonValues;
            return _jsonValid;
        }
    }

    /// <summary>JSON keys are kept as entries whose pointer ends with "#key".</summary>
    private void Flatten(JsonElement element, string pointer, List<KeyValuePair<string, string>> into)
    {
        if (into.Count >= MaxItems)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    var child = pointer + "/" + p.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    into.Add(new(child + "#key", p.Name));
                    Flatten(p.Value, child, into);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, pointer + "/" + i++, into);
                }

                break;
            case JsonValueKind.String:
                into.Add(new(pointer, element.GetString() ?? ""));
                break;
            default:
                into.Add(new(pointer, element.GetRawText()));
                break;
        }
    }

    private static List<KeyValuePair<string, string>> ParsePairs(string text, char separator, char assign, out bool oversize)
    {
        var list = new List<KeyValuePair<string, string>>();
        oversize = false;
        foreach (var part in text.Split(separator))
        {
            var p = part.Trim();
            if (p.Length == 0)
            {
                continue;
            }

            if (list.Count >= MaxItems)
            {
                oversize = true;
                break;
            }

            var eq = p.IndexOf(assign);
            list.Add(eq < 0 ? new(p, "") : new(p[..eq], p[(eq + 1)..]));
        }

        return list;
    }
}
