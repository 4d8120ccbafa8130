using System.Text.Json;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.BodyProcessors;

/// <summary>
/// Flattens a JSON body into ARGS_POST with ModSecurity v2's naming (the engine CRS CI judges against):
/// top-level keys as written (<c>user</c>), nested keys joined with dots (<c>user.name</c>), array items under
/// the array's key repeated (<c>ids.ids</c>; a top-level array gives <c>array.array</c>); <c>true</c>/<c>false</c>,
/// numbers as written, <c>null</c> as empty. Depth beyond <c>SecRequestBodyJsonDepthLimit</c> or invalid JSON
/// sets REQBODY_ERROR.
/// </summary>
internal static class JsonBodyParser
{
    public static void Parse(Transaction tx, ReadOnlyMemory<byte> body)
    {
        var depthLimit = tx.RuleSet.Settings.RequestBodyJsonDepthLimit;
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = Math.Max(1, depthLimit + 1) });
        string? prefix = null;
        string? currentKey = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (reader.CurrentDepth >= depthLimit)
                        {
                            tx.SetBodyError("JSON parsing error: JSON depth exceeds the configured limit.");
                            return;
                        }

                        if (currentKey is not null)
                        {
                            prefix = prefix is null ? currentKey : prefix + "." + currentKey;
                        }

                        break;
                    case JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= depthLimit)
                        {
                            tx.SetBodyError("JSON parsing error: JSON depth exceeds the configured limit.");
                            return;
                        }

                        if (currentKey is null && prefix is null)
                        {
                            prefix = currentKey = "array";
                        }
                        else
                        {
                            prefix = prefix is null ? currentKey : prefix + "." + currentKey;
                        }

                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (prefix is not null)
                        {
                            var dot = prefix.LastIndexOf('.');
                            if (dot >= 0)
                            {
                                currentKey = prefix[(dot + 1)..];
                                prefix = prefix[..dot];
                            }
                            else
                            {
                                currentKey = prefix;
                                prefix = null;
                            }
                        }

                        break;
                    case JsonTokenType.PropertyName:
                        currentKey = Text.Latin1.FromText(reader.GetString() ?? "");
                        break;
                    default:
                        if (currentKey is null)
                        {
                            break;
                        }

                        var value = reader.TokenType switch
                        {
                            JsonTokenType.String => Text.Latin1.FromText(reader.GetString() ?? ""),
                            JsonTokenType.Number => Text.Latin1.FromBytes(reader.ValueSpan),
                            JsonTokenType.True => "true",
                            JsonTokenType.False => "false",
                            _ => "",
                        };
                        if (tx.ArgsGet.Count + tx.ArgsPost.Count >= tx.RuleSet.Settings.ArgumentsLimit)
                        {
                            tx.SetBodyError("Request exceeded the arguments limit.");
                            return;
                        }

                        tx.ArgsPost.Add(prefix is null ? currentKey : prefix + "." + currentKey, value);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            tx.SetBodyError("JSON parsing error: " + e.Message);
        }
    }
}
