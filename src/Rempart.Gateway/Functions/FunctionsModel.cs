using System.Collections.Frozen;

namespace Rempart.Gateway.Functions;

/// <summary>The compiled functions section of one config generation: edge functions per route, every function by name.</summary>
public sealed class FunctionsModel(FrozenDictionary<string, RouteFunctions> byRoute, FrozenDictionary<string, EdgeFunctionModel> edge)
{
    public static readonly FunctionsModel Empty = new(FrozenDictionary<string, RouteFunctions>.Empty, FrozenDictionary<string, EdgeFunctionModel>.Empty);

    /// <summary>Edge functions by name (for `rempart functions test` and the admin API).</summary>
    public FrozenDictionary<string, EdgeFunctionModel> Edge { get; } = edge;

    /// <summary>The route's edge functions, or null when it has none (the middleware then costs one lookup).</summary>
    public RouteFunctions? For(string route) => byRoute.GetValueOrDefault(route);
}
