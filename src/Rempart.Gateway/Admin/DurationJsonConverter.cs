using System.Text.Json;
using System.Text.Json.Serialization;
using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Admin;

/// <summary>Durations appear in JSON as they are written in YAML ("30s").</summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Duration.TryParse(reader.GetString() ?? "", out var value) ? value : throw new JsonException("not a duration");

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteStringValue(Duration.Format(value));
}
