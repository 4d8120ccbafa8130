using System.Globalization;
using System.Text.Json;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.BodyProcessors;

/// <summary>
/// Flattens a JSON body into ARGS_POST as ModSecurity does: keys joined with dots under the prefix
/// <c>json</c> (<c>json.user.name</c>), array items by index (<c>json.ids.0</c>), values as text
/// (<c>true</c>, <c>false</c>, numbers as written, <c>null</c> as empty). Depth beyond
/// <c>SecRequestBodyJsonDepthLimit</c> or invalid JSON sets REQBODY_ERROR.
/// </summary>
internal static class JsonBodyParser
{
    public static void Parse(Transaction tx, ReadOnlyMemory<byte> body)
    {
        var depthLimit = tx.RuleSet.Settings.RequestBodyJsonDepthLimit;
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { MaxDepth = Math.Max(1, depthLimit + 1), CommentHandling = JsonCommentHandling.Disallow });
        var path = new List<string> { "json" };
        var arrayIndexes = new Stack<int>();
        var inArray = new Stack<bool>();
        string? pendingKey = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= depthLimit)
                        {
                            tx.SetBodyError("JSON parsing error: JSON depth exceeds the configured limit.");
                            return;
                        }

                        Push(ref pendingKey);
                        inArray.Push(reader.TokenType == JsonTokenType.StartArray);
                        arrayIndexes.Push(0);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        inArray.Pop();
                        arrayIndexes.Pop();
                        if (path.Count > 1)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        break;
                    case JsonTokenType.PropertyName:
                        pendingKey = Text.Latin1.FromText(reader.GetString() ?? "");
                        break;
                    default:
                        var value = reader.TokenType switch
                        {
                            JsonTokenType.String => Text.Latin1.FromText(reader.GetString() ?? ""),
                            JsonTokenType.Number => Text.Latin1.FromBytes(reader.ValueSpan),
                            JsonTokenType.True => "true",
                            JsonTokenType.False => "false",
                            _ => "",
                        };
                        var key = Key(ref pendingKey);
                        if (tx.ArgsGet.Count + tx.ArgsPost.Count >= tx.RuleSet.Settings.ArgumentsLimit)
                        {
                            tx.SetBodyError("Request exceeded the arguments limit.");
                            return;
                        }

                        tx.ArgsPost.Add(key, value);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            tx.SetBodyError("JSON parsing error: " + e.Message);
        }

        void Push(ref string? pending)
        {
            if (inArray.Count == 0)
            {
                return;
            }

            path.Add(Segment(ref pending));
        }

        string Key(ref string? pending)
        {
            if (inArray.Count == 0)
            {
                return "json";
            }

            return string.Join('.', path) + "." + Segment(ref pending);
        }

        string Segment(ref string? pending)
        {
            if (inArray.Peek())
            {
                var index = arrayIndexes.Pop();
                arrayIndexes.Push(index + 1);
                return index.ToString(CultureInfo.InvariantCulture);
            }

            var segment = pending ?? "";
            pending = null;
            return segment;
        }
    }
}
