using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@endsWith TEXT</c> — the value ends with the argument. Example: <c>"@endsWith .php"</c>.</summary>
internal sealed class EndsWithOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input)
    {
        var argument = _argument.Expand(transaction);
        if (!(input.EndsWith(argument, StringComparison.Ordinal)))
        {
            return false;
        }

        transaction.SetCapture(0, argument);
        return true;
    }
}
