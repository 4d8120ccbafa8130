using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rempart.Gateway.Admin;

/// <summary>JSON conventions of the admin API: snake_case, like the config file.</summary>
public static class AdminJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new ByteSizeJsonConverter(), new DurationJsonConverter(), new IpAddressJsonConverter() },
    };
}
