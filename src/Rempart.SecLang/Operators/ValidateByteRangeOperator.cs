using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Operators;

/// <summary>
/// <c>@validateByteRange 1-255</c> or <c>@validateByteRange 9,10,13,32-126</c> — matches when the value holds a
/// byte outside the listed values and ranges.
/// </summary>
internal sealed class ValidateByteRangeOperator : IOperator
{
    private readonly bool[] _allowed = new bool[256];

    public ValidateByteRangeOperator(OperatorContext context)
    {
        foreach (var part in context.Argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-');
            var ok = dash < 0
                ? int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var from) & (from is >= 0 and <= 255) && Allow(from, from)
                : int.TryParse(part[..dash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out from)
                  & int.TryParse(part[(dash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var to) && from is >= 0 and <= 255 && to is >= 0 and <= 255 && from <= to && Allow(from, to);
            if (!ok)
            {
                throw new SecLangException($"invalid byte range '{part}'");
            }
        }
    }

    public bool Evaluate(Transaction transaction, string input)
    {
        foreach (var c in input)
        {
            if (c > 255 || !_allowed[c])
            {
                return true;
            }
        }

        return false;
    }

    private bool Allow(int from, int to)
    {
        for (var b = from; b <= to; b++)
        {
            _allowed[b] = true;
        }

        return true;
    }
}
