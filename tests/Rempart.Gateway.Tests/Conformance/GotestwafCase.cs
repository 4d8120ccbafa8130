using System.Text;
using YamlDotNet.RepresentationModel;

namespace Rempart.Gateway.Tests.Conformance;

/// <summary>One gotestwaf YAML file: payloads × encoders × placeholders (see ../shared/testdata/attacks/FORMAT.md).</summary>
public sealed record GotestwafCase(string Set, string Name, IReadOnlyList<string> Payloads, IReadOnlyList<string> Encoders, IReadOnlyList<GotestwafPlaceholder> Placeholders)
{
    public bool IsBenign => Set.Contains("false", StringComparison.Ordinal);

    public static GotestwafCase Load(string path)
    {
        // go-yaml reads "\'" inside double quotes as a quote; YAML 1.2 parsers do not. FORMAT.md asks us to accept it.
        var text = File.ReadAllText(path).Replace("\\'", "'", StringComparison.Ordinal);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        List<string> Strings(string key) => root.Children.TryGetValue(key, out var n) && n is YamlSequenceNode s
            ? s.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList()
            : [];
        var placeholders = new List<GotestwafPlaceholder>();
        if (root.Children.TryGetValue("placeholder", out var ph) && ph is YamlSequenceNode list)
        {
            foreach (var item in list.Children)
            {
                if (item is YamlScalarNode scalar)
                {
                    placeholders.Add(new GotestwafPlaceholder(scalar.Value!, null, null, null, null));
                    continue;
                }

                var (key, value) = ((YamlMappingNode)item).Children.First();
                var settings = value as YamlMappingNode;
                string? Get(string k) => settings is not null && settings.Children.TryGetValue(k, out var v) ? ((YamlScalarNode)v).Value : null;
                var headers = settings is not null && settings.Children.TryGetValue("headers", out var h) && h is YamlMappingNode hm
                    ? hm.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value ?? "")
                    : null;
                placeholders.Add(new GotestwafPlaceholder(((YamlScalarNode)key).Value!, Get("method"), Get("path"), headers, Get("body")));
            }
        }

        var set = Path.GetFileName(Path.GetDirectoryName(path))!;
        return new GotestwafCase(set, Path.GetFileNameWithoutExtension(path), Strings("payload"), Strings("encoder"), placeholders);
    }

    public static string Encode(string encoder, string payload) => encoder switch
    {
        "Plain" => payload,
        "URL" => PathEscape(payload),
        "Base64" => Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)),
        "Base64Flat" => Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('='),
        "JSUnicode" => JsUnicode(payload),
        "XMLEntity" => "<string>" + System.Security.SecurityElement.Escape(payload).Replace("\n", "&#xA;", StringComparison.Ordinal) + "</string>",
        _ => throw new InvalidOperationException("unknown encoder " + encoder),
    };

    /// <summary>Go's url.PathEscape: everything but unreserved characters and $&amp;+:=@ is percent-encoded.</summary>
    public static string PathEscape(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '$' or '&' or '+' or ':' or '=' or '@')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    public static string JsUnicode(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}

public sealed record GotestwafPlaceholder(string Name, string? Method, string? Path, IReadOnlyDictionary<string, string>? Headers, string? Body);
