using Rempart.Gateway.State;

namespace Rempart.Gateway.Decisions;

/// <summary>A decision as held in memory: the stored record plus its parsed scope and action.</summary>
public sealed class ActiveDecision(Decision record, DecisionScope scope, DecisionAction action)
{
    public Decision Record { get; } = record;

    public DecisionScope Scope { get; } = scope;

    public DecisionAction Action { get; } = action;

    public string Id => Record.Id;

    public DateTimeOffset? ExpiresAt => Record.ExpiresAt;

    public bool IsActive(DateTimeOffset now) => Record.IsActive(now);

    public static string ActionName(DecisionAction action) => action switch
    {
        DecisionAction.Ban => "ban",
        DecisionAction.Challenge => "challenge",
        _ => "throttle",
    };

    public static bool TryParseAction(string? text, out DecisionAction action)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "ban" or "block":
                action = DecisionAction.Ban;
                return true;
            case "challenge" or "captcha":
                action = DecisionAction.Challenge;
                return true;
            case "throttle":
                action = DecisionAction.Throttle;
                return true;
            default:
                action = DecisionAction.Ban;
                return false;
        }
    }
}
