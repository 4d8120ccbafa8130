namespace Rempart.Gateway.Events;

/// <summary>
/// Something that happened in the gateway, published on the <see cref="EventBus"/>. Each kind is a
/// sealed record named in the past tense; <see cref="Type"/> is its stable wire name.
/// </summary>
public abstract record GatewayEvent(DateTimeOffset Time)
{
    public abstract string Type { get; }
}
