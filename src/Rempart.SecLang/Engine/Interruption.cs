namespace Rempart.SecLang.Engine;

/// <summary>A transaction was stopped by a rule; the host turns this into its own response.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Status">The HTTP status to answer with.</param>
/// <param name="RuleId">The rule whose disruptive action fired (0 for engine-level limits).</param>
/// <param name="RedirectUrl">The target of a <see cref="InterruptionAction.Redirect"/>.</param>
public sealed record Interruption(InterruptionAction Action, int Status, int RuleId, string? RedirectUrl = null);
