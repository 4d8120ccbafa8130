using Rempart.Gateway.Decisions;

namespace Rempart.Gateway.Functions.Events;

/// <summary>A decision an event function asks for; <paramref name="Duration"/> null means no expiry.</summary>
public sealed record DecisionEffect(string Scope, DecisionAction Action, TimeSpan? Duration, string Reason);
