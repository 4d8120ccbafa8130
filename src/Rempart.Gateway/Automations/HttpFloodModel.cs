using Rempart.Gateway.Configuration.Automations;
using Rempart.Gateway.Decisions;

namespace Rempart.Gateway.Automations;

/// <summary>Compiled HTTP flood settings.</summary>
public sealed record HttpFloodModel(bool Enabled, int Requests, TimeSpan Window, TimeSpan? BanFor, DecisionAction Action)
{
    public static HttpFloodModel From(HttpFloodConfig c)
    {
        BanLength.TryParse(c.BanFor, out var banFor);
        ActiveDecision.TryParseAction(c.Action, out var action);
        return new HttpFloodModel(c.Enabled, c.Requests, c.Window, banFor, action);
    }
}
