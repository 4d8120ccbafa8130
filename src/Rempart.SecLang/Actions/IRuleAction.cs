using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary>
/// One action of a rule's action list. A fresh instance is made for each occurrence;
/// <see cref="Init"/> parses the argument and records load-time effects on the rule;
/// <see cref="Execute"/> runs for <see cref="ActionKind.NonDisruptive"/> actions when the rule matches.
/// </summary>
public interface IRuleAction
{
    /// <summary>The group this action belongs to.</summary>
    ActionKind Kind { get; }

    /// <summary>Parses <paramref name="argument"/> (null when the action has none) and applies load-time effects.</summary>
    void Init(Rule rule, string? argument, RuleLoadContext context);

    /// <summary>Runs the action for a match of <paramref name="rule"/>.</summary>
    void Execute(Rule rule, Transaction transaction);
}
