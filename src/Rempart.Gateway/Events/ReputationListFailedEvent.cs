namespace Rempart.Gateway.Events;

/// <summary>A reputation list could not be fetched or was garbage; its last good version stays in force.</summary>
public sealed record ReputationListFailedEvent(DateTimeOffset Time, string List, string Problem, int EntriesKept) : GatewayEvent(Time), IPersistedEvent
{
    public override string Type => "reputation_list_failed";

    public string? Subject => null;
}
