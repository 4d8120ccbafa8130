using Rempart.Caching;

namespace Rempart.Gateway.Cache;

/// <summary>
/// A route's compiled cache policy: the engine's <see cref="CachePolicy"/> and the origin request
/// policy the gateway applies to what it forwards on a lookup.
/// </summary>
public sealed class CachePolicyModel
{
    public static readonly CachePolicyModel Disabled = new("disabled", CachePolicy.Disabled, OriginRequestFilter.ForwardAll);

    public CachePolicyModel(string name, CachePolicy policy, OriginRequestFilter originRequest)
    {
        Name = name;
        Policy = policy;
        OriginRequest = originRequest;
    }

    public string Name { get; }

    public CachePolicy Policy { get; }

    public OriginRequestFilter OriginRequest { get; }

    /// <summary>Edge compression on this route (off for disabled routes).</summary>
    public EdgeCompression Compression { get; init; } = EdgeCompression.Off;

    public bool Enabled => Policy.Enabled;
}
