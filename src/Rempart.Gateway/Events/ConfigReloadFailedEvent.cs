namespace Rempart.Gateway.Events;

public sealed record ConfigReloadFailedEvent(DateTimeOffset Time, IReadOnlyList<string> Errors) : GatewayEvent(Time)
{
    public override string Type => "config_reload_failed";
}
