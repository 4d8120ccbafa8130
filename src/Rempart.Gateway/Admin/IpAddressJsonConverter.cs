using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rempart.Gateway.Admin;

/// <summary>IP addresses as their text ("203.0.113.7"), as operators write them.</summary>
public sealed class IpAddressJsonConverter : JsonConverter<IPAddress>
{
    public override IPAddress? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPAddress.TryParse(reader.GetString(), out var ip) ? ip : throw new JsonException("not an IP address");

    public override void Write(Utf8JsonWriter writer, IPAddress value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
