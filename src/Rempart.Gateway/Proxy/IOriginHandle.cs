namespace Rempart.Gateway.Proxy;

/// <summary>What a route forwards to: an <see cref="OriginPool"/> or an <see cref="OriginGroup"/>.</summary>
public interface IOriginHandle
{
    string Name { get; }
}
