namespace Rempart.Gateway.Events;

/// <summary>
/// A decision was refused (too broad, a trusted proxy, allow-listed, the cap reached). Published at
/// most once per refusal kind and source every few seconds; every refusal is counted in metrics.
/// </summary>
public sealed record DecisionRefusedEvent(DateTimeOffset Time, string Scope, string Source, string Refusal, string Problem) : GatewayEvent(Time), IPersistedEvent
{
    public override string Type => "decision_refused";

    public string? Subject => Scope;
}
