using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@le N</c> — the value as an integer is at most N.</summary>
internal sealed class LeOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input) =>
        NumericComparison.Parse(input) <= NumericComparison.Parse(_argument.Expand(transaction));
}
