using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@containsWord TEXT</c> — the argument occurs in the value as a whole word (bounded by non-word bytes or the ends).</summary>
internal sealed class ContainsWordOperator(OperatorContext context) : IOperator
{
    private readonly MacroArgument _argument = new(context.Argument);

    public bool Evaluate(Transaction transaction, string input)
    {
        var word = _argument.Expand(transaction);
        if (word.Length == 0)
        {
            return true;
        }

        for (var i = input.IndexOf(word, StringComparison.Ordinal); i >= 0; i = input.IndexOf(word, i + 1, StringComparison.Ordinal))
        {
            var before = i == 0 || !IsWord(input[i - 1]);
            var after = i + word.Length == input.Length || !IsWord(input[i + word.Length]);
            if (before && after)
            {
                transaction.SetCapture(0, word);
                return true;
            }
        }

        return false;
    }

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
