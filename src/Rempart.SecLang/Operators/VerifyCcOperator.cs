using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@verifyCC REGEX</c> — a match of the regex that passes the Luhn check (a likely card number); TX:0 holds it.</summary>
internal sealed class VerifyCcOperator(OperatorContext context) : IOperator
{
    private readonly AdaptiveRegex _regex = context.Options.Regexes.Get(context.Argument, context.Options.RegexMatchTimeout);

    public bool Evaluate(Transaction transaction, string input)
    {
        for (var match = _regex.Match(input); match.Success; match = match.NextMatch())
        {
            if (Luhn(match.Value))
            {
                transaction.SetCapture(0, match.Value);
                return true;
            }
        }

        return false;
    }

    private static bool Luhn(string candidate)
    {
        var sum = 0;
        var digits = 0;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(candidate[i]))
            {
                continue;
            }

            var d = candidate[i] - '0';
            if (digits++ % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return digits >= 12 && sum % 10 == 0;
    }
}
