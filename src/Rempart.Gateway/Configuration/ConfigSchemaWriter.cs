using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rempart.Gateway.Configuration;

/// <summary>
/// Writes a JSON Schema of the config language from the same record types the binder uses, so
/// editors (YAML language server: <c># yaml-language-server: $schema=…</c>) complete and check it.
/// Every record becomes a definition under <c>$defs</c>, which also covers recursive statements.
/// </summary>
public static class ConfigSchemaWriter
{
    public const string DurationPattern = @"^([0-9]+(\.[0-9]+)?(ms|s|m|h|d))+$";
    public const string SizePattern = @"^[0-9]+(\.[0-9]+)?\s*(B|K|M|G|KB|MB|GB|KiB|MiB|GiB)?$";

    public static string Write()
    {
        var definitions = new JsonObject();
        var root = DescribeRecord(typeof(GatewayConfig), definitions);
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$id"] = "https://rempart.dev/schema/config.json";
        root["title"] = "Rempart gateway configuration";
        root["$defs"] = definitions;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Describe(Type type, JsonObject definitions)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ConfigTypeInfo.ListElement(type) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Describe(element, definitions) };
        }

        if (ConfigTypeInfo.MapValue(type) is { } value)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Describe(value, definitions) };
        }

        if (ConfigTypeInfo.IsRecord(type))
        {
            if (!definitions.ContainsKey(type.Name))
            {
                definitions[type.Name] = new JsonObject(); // placeholder first: records may refer to themselves
                definitions[type.Name] = DescribeRecord(type, definitions);
            }

            return new JsonObject { ["$ref"] = $"#/$defs/{type.Name}" };
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

    private static JsonObject DescribeRecord(Type type, JsonObject definitions)
    {
        var info = ConfigTypeInfo.For(type);
        var properties = new JsonObject();
        foreach (var key in info.Keys.Values)
        {
            var schema = Describe(key.Property.PropertyType, definitions);
            if (key.Doc is not null)
            {
                schema = schema.ContainsKey("$ref") ? new JsonObject { ["allOf"] = new JsonArray(schema), ["description"] = key.Doc } : schema;
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

        if (ConfigTypeInfo.ScalarForms(type) is { } forms)
        {
            return new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["enum"] = new JsonArray(forms.Select(f => (JsonNode)f).ToArray()) },
                    obj),
            };
        }

        return obj;
    }
}
