using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@within LIST</c> — the value occurs inside the argument (an empty value always does). Example: <c>"@within GET HEAD POST"</c>.</summary>
internal sealed class WithinOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input)
    {
        var argument = _argument.Expand(transaction);
        if (!(argument.Contains(input, StringComparison.Ordinal)))
        {
            return false;
        }

        transaction.SetCapture(0, input);
        return true;
    }
}
