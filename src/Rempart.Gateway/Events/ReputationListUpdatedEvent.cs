namespace Rempart.Gateway.Events;

/// <summary>A reputation list was fetched, validated and swapped in.</summary>
public sealed record ReputationListUpdatedEvent(DateTimeOffset Time, string List, int Entries, int Invalid, int TooBroad) : GatewayEvent(Time)
{
    public override string Type => "reputation_list_updated";
}
