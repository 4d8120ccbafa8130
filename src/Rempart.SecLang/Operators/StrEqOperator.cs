using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@streq TEXT</c> — the value equals the argument (case-sensitive, macros expanded). Example: <c>"@streq POST"</c>.</summary>
internal sealed class StrEqOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input)
    {
        var argument = _argument.Expand(transaction);
        if (!(input == argument))
        {
            return false;
        }

        transaction.SetCapture(0, input);
        return true;
    }
}
