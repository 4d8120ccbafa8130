using System.Collections.Frozen;

namespace Rempart.Gateway.Functions;

/// <summary>The compiled functions section of one config generation: edge functions per route and by name, event functions by name.</summary>
public sealed class FunctionsModel(FrozenDictionary<string, RouteFunctions> byRoute, FrozenDictionary<string, EdgeFunctionModel> edge, FrozenDictionary<string, Events.EventFunctionModel> events)
{
    public static readonly FunctionsModel Empty = new(FrozenDictionary<string, RouteFunctions>.Empty, FrozenDictionary<string, EdgeFunctionModel>.Empty, FrozenDictionary<string, Events.EventFunctionModel>.Empty);

    /// <summary>Event functions by name (the host keeps one worker each).</summary>
    public FrozenDictionary<string, Events.EventFunctionModel> Events { get; } = events;

    /// <summary>Edge functions by name (for `rempart functions test` and the admin API).</summary>
    public FrozenDictionary<string, EdgeFunctionModel> Edge { get; } = edge;

    /// <summary>The route's edge functions, or null when it has none (the middleware then costs one lookup).</summary>
    public RouteFunctions? For(string route) => byRoute.GetValueOrDefault(route);
}
