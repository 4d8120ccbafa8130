using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@beginsWith TEXT</c> — the value starts with the argument. Example: <c>"@beginsWith /admin"</c>.</summary>
internal sealed class BeginsWithOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input)
    {
        var argument = _argument.Expand(transaction);
        if (!(input.StartsWith(argument, StringComparison.Ordinal)))
        {
            return false;
        }

        transaction.SetCapture(0, argument);
        return true;
    }
}
