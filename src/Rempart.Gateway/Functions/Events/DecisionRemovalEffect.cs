namespace Rempart.Gateway.Functions.Events;

/// <summary>A decision an event function asks to lift, by scope (or id).</summary>
public sealed record DecisionRemovalEffect(string Scope, string Reason);
