using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@strmatch TEXT</c> — the value contains the argument (case-sensitive substring search, as ModSecurity).</summary>
internal sealed class StrMatchOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input)
    {
        var argument = _argument.Expand(transaction);
        if (!(input.Contains(argument, StringComparison.Ordinal)))
        {
            return false;
        }

        transaction.SetCapture(0, argument);
        return true;
    }
}
