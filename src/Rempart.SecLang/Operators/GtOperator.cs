using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@gt N</c> — the value as an integer is greater than N.</summary>
internal sealed class GtOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input) =>
        NumericComparison.Parse(input) > NumericComparison.Parse(_argument.Expand(transaction));
}
