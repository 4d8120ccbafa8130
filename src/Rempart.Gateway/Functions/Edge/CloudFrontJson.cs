using System.Text;
using System.Text.Json.Nodes;

namespace Rempart.Gateway.Functions.Edge;

/// <summary>Edge messages as CloudFront-shaped JSON (maps of { value, multiValue }), for `rempart functions test` output.</summary>
public static class CloudFrontJson
{
    public static JsonObject Request(EdgeRequest request) => new()
    {
        ["method"] = request.Method,
        ["uri"] = request.Uri,
        ["querystring"] = Map(request.Query),
        ["headers"] = Map(request.Headers),
        ["cookies"] = Map(request.Cookies),
    };

    public static JsonObject Response(EdgeResponse response)
    {
        var o = new JsonObject
        {
            ["statusCode"] = response.StatusCode,
            ["statusDescription"] = response.StatusDescription,
            ["headers"] = Map(response.Headers),
            ["cookies"] = new JsonObject(response.Cookies.GroupBy(c => c.Name).Select(g => new KeyValuePair<string, JsonNode?>(g.Key, new JsonObject
            {
                ["value"] = g.First().Value,
                ["attributes"] = g.First().Attributes,
            }))),
        };
        if (response.Body is { } body)
        {
            o["body"] = Encoding.UTF8.GetString(body);
        }

        return o;
    }

    private static JsonObject Map(IReadOnlyList<KeyValuePair<string, string>> pairs) =>
        new(pairs.GroupBy(p => p.Key).Select(g =>
        {
            var entry = new JsonObject { ["value"] = g.First().Value };
            if (g.Count() > 1)
            {
                entry["multiValue"] = new JsonArray(g.Select(v => (JsonNode)new JsonObject { ["value"] = v.Value }).ToArray());
            }

            return new KeyValuePair<string, JsonNode?>(g.Key, entry);
        }));
}
