namespace Rempart.Gateway.Decisions;

/// <summary>What Shield does to a client a decision covers.</summary>
public enum DecisionAction
{
    /// <summary>Refuse with 403 and a block page carrying the request id.</summary>
    Ban,

    /// <summary>Show the WAF's proof-of-work challenge until the client solves it.</summary>
    Challenge,

    /// <summary>Allow <c>automations.decisions.throttle_per_minute</c> requests per minute; 429 above.</summary>
    Throttle,
}
