using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rempart.Gateway.Configuration;

/// <summary>
/// Writes a JSON Schema of the config language from the same record types the binder uses, so
/// editors (YAML language server: <c># yaml-language-server: $schema=…</c>) complete and check it.
/// </summary>
public static class ConfigSchemaWriter
{
    public const string DurationPattern = @"^([0-9]+(\.[0-9]+)?(ms|s|m|h|d))+$";
    public const string SizePattern = @"^[0-9]+(\.[0-9]+)?\s*(B|K|M|G|KB|MB|GB|KiB|MiB|GiB)?$";

    public static string Write()
    {
        var root = Describe(typeof(GatewayConfig));
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$id"] = "https://rempart.dev/schema/config.json";
        root["title"] = "Rempart gateway configuration";
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ConfigTypeInfo.ListElement(type) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Describe(element) };
        }

        if (ConfigTypeInfo.MapValue(type) is { } value)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Describe(value) };
        }

        if (ConfigTypeInfo.IsRecord(type))
        {
            var info = ConfigTypeInfo.For(type);
            var properties = new JsonObject();
            foreach (var key in info.Keys.Values)
            {
                var schema = Describe(key.Property.PropertyType);
                if (key.Doc is not null)
                {
                    schema["description"] = key.Doc;
                }

                properties[key.Name] = schema;
            }

            var obj = new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
            var required = info.Keys.Values.Where(k => k.Required).Select(k => (JsonNode)k.Name).ToArray();
            if (required.Length > 0)
            {
                obj["required"] = new JsonArray(required);
            }

            return obj;
        }

        if (type.IsEnum)
        {
            return new JsonObject { ["enum"] = new JsonArray(Enum.GetNames(type).Select(n => (JsonNode)ConfigNaming.ToSnakeCase(n)).ToArray()) };
        }

        return type switch
        {
            _ when type == typeof(string) => new JsonObject { ["type"] = "string" },
            _ when type == typeof(bool) => new JsonObject { ["type"] = "boolean" },
            _ when type == typeof(int) || type == typeof(long) => new JsonObject { ["type"] = "integer" },
            _ when type == typeof(double) => new JsonObject { ["type"] = "number" },
            _ when type == typeof(TimeSpan) => new JsonObject { ["type"] = "string", ["pattern"] = DurationPattern },
            _ when type == typeof(ByteSize) => new JsonObject { ["type"] = new JsonArray("string", "integer"), ["pattern"] = SizePattern },
            _ => throw new InvalidOperationException($"No schema for {type}"),
        };
    }
}
