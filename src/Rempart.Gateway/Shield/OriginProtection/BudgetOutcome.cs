namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>What a budget decided for one request.</summary>
public enum BudgetOutcome
{
    /// <summary>Admitted at once: the budget had room and nobody was waiting.</summary>
    Immediate,

    /// <summary>Admitted after waiting in the queue.</summary>
    Queued,

    /// <summary>Refused at once: the queue was full (or a trusted client took the place).</summary>
    QueueFull,

    /// <summary>Refused after waiting queue_timeout without a slot.</summary>
    QueueTimeout,
}
