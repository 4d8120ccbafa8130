using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@ge N</c> — the value as an integer is at least N.</summary>
internal sealed class GeOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input) =>
        NumericComparison.Parse(input) >= NumericComparison.Parse(_argument.Expand(transaction));
}
