namespace Rempart.Gateway.Decisions;

/// <summary>
/// The answer to a <see cref="DecisionRequest"/>: the decision in force (new, or an equal or
/// stronger one already there — <see cref="Unchanged"/>), or a refusal with a sentence that says why and what to do.
/// </summary>
public sealed record DecisionOutcome(ActiveDecision? Decision, bool Unchanged, DecisionRefusal Refusal, string? Problem)
{
    public bool Accepted => Refusal == DecisionRefusal.None;

    public static DecisionOutcome Refused(DecisionRefusal refusal, string problem) => new(null, false, refusal, problem);
}
