namespace Rempart.Gateway.Events;

public sealed record ConfigReloadedEvent(DateTimeOffset Time, long Generation, string Hash) : GatewayEvent(Time)
{
    public override string Type => "config_reloaded";
}
