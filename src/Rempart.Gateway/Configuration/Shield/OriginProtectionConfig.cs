namespace Rempart.Gateway.Configuration.Shield;

/// <summary>How budget queues behave; the budgets are set per origin (<c>origins.NAME.budget</c>) and per route (<c>routes[].budget</c>).</summary>
public sealed record OriginProtectionConfig
{
    [ConfigDoc("Retry-After sent with the 503 when a request waited its turn in a full budget and was refused.")]
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    [ConfigDoc("Serve clients holding a valid challenge token or a good history before others when a budget queue forms.")]
    public bool PrioritizeTrusted { get; init; } = true;
}
