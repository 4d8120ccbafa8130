using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@eq N</c> — the value, read as an integer (C atoi), equals N. Example: <c>SecRule &amp;ARGS "@eq 0"</c>.</summary>
internal sealed class EqOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input) =>
        NumericComparison.Parse(input) == NumericComparison.Parse(_argument.Expand(transaction));
}
