using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary>Actions refused with a reason (<c>exec</c>, <c>proxy</c>, <c>append</c>, <c>prepend</c>, <c>pause</c>): loading a rule that uses one is an error.</summary>
internal sealed class RefusedAction(string reason) : IRuleAction
{
    public ActionKind Kind => ActionKind.NonDisruptive;

    public void Init(Rule rule, string? argument, RuleLoadContext context) => throw new SecLangException(reason);

    public void Execute(Rule rule, Transaction transaction)
    {
    }
}
