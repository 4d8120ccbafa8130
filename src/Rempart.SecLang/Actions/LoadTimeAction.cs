using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary>Base for actions whose whole effect happens when the rule loads (metadata, flags, flow, disruptive choice).</summary>
internal abstract class LoadTimeAction(ActionKind kind) : IRuleAction
{
    public ActionKind Kind { get; } = kind;

    public abstract void Init(Rule rule, string? argument, RuleLoadContext context);

    public void Execute(Rule rule, Transaction transaction)
    {
    }

    protected static string Require(string? argument, string action) =>
        string.IsNullOrEmpty(argument) ? throw new Parsing.SecLangException($"action '{action}' needs an argument") : argument;

    protected static void Forbid(string? argument, string action)
    {
        if (argument is not null)
        {
            throw new Parsing.SecLangException($"action '{action}' takes no argument");
        }
    }

    protected static void StarterOnly(Rule rule, string action)
    {
        if (rule.Parent is not null)
        {
            throw new Parsing.SecLangException($"action '{action}' is only allowed in a chain starter");
        }
    }
}
