using System.Text.Json;
using System.Text.Json.Serialization;
using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Admin;

/// <summary>Sizes appear in JSON as they are written in YAML ("16KiB").</summary>
internal sealed class ByteSizeJsonConverter : JsonConverter<ByteSize>
{
    public override ByteSize Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ByteSize.TryParse(reader.GetString() ?? "", out var size) ? size : throw new JsonException("not a size");

    public override void Write(Utf8JsonWriter writer, ByteSize value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
