using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace Rempart.Gateway.Events;

/// <summary>The wire names of every event the gateway publishes, found once by reflection, so a subscription to a misspelt type is a config error rather than silence.</summary>
public static class EventTypes
{
    public static FrozenSet<string> All { get; } = typeof(GatewayEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(GatewayEvent)))
        .Select(t => ((GatewayEvent)RuntimeHelpers.GetUninitializedObject(t)).Type)
        .ToFrozenSet(StringComparer.Ordinal);
}
