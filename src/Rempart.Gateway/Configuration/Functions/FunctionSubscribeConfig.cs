namespace Rempart.Gateway.Configuration.Functions;

/// <summary>The filter of an event function: an event must match every list that is not empty.</summary>
public sealed record FunctionSubscribeConfig
{
    [ConfigDoc("Event types, e.g. [request_blocked]. Default: every type.")]
    public IReadOnlyList<string> Types { get; init; } = [];

    [ConfigDoc("Labels (of WAF matches); the event must carry at least one of them. Default: any.")]
    public IReadOnlyList<string> Labels { get; init; } = [];

    [ConfigDoc("Route names; the event must come from one of them. Default: any.")]
    public IReadOnlyList<string> Routes { get; init; } = [];
}
