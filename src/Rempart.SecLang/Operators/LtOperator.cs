using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@lt N</c> — the value as an integer is less than N. Example: <c>SecRule TX:DETECTION_PARANOIA_LEVEL "@lt 2"</c>.</summary>
internal sealed class LtOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input) =>
        NumericComparison.Parse(input) < NumericComparison.Parse(_argument.Expand(transaction));
}
