using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@noMatch</c> — never matches.</summary>
internal sealed class NoMatchOperator : IOperator
{
    public bool Evaluate(Transaction transaction, string input) => false;
}
