using System.Text.Json;
using Rempart.Gateway.Admin;

namespace Rempart.Gateway.Events;

/// <summary>
/// The wire form of a <see cref="GatewayEvent"/> as event functions receive it (the JavaScript
/// <c>event</c> and the HTTP functions' POST body): the record's properties in snake_case with
/// <c>type</c> and <c>time</c>, addresses as text — the admin API's conventions, on one line.
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(AdminJson.Options) { WriteIndented = false };

    public static string Serialize(GatewayEvent e) => JsonSerializer.Serialize(e, e.GetType(), Options);
}
