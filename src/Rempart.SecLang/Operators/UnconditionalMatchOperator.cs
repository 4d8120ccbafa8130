using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@unconditionalMatch</c> — always matches.</summary>
internal sealed class UnconditionalMatchOperator : IOperator
{
    public bool Evaluate(Transaction transaction, string input) => true;
}
