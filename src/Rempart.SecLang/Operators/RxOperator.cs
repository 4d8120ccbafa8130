using System.Text.RegularExpressions;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary>
/// <c>@rx PATTERN</c> — PCRE regular expression (translated to .NET, dot matches newline, match timeout from
/// the options); with <c>capture</c> the whole match goes to TX:0 and groups to TX:1–TX:9. The default
/// operator when none is written. Example: <c>SecRule ARGS "@rx ^\d+$" "id:1,…"</c>.
/// </summary>
internal sealed class RxOperator : IOperator
{
    private readonly AdaptiveRegex? _regex;
    private readonly MacroArgument? _dynamic;
    private readonly SecLangOptions _options;

    public RxOperator(OperatorContext context)
    {
        _options = context.Options;
        var argument = new MacroArgument(context.Argument);
        try
        {
            if (argument.IsConstant)
            {
                _regex = context.Options.Regexes.Get(context.Argument, context.Options.RegexMatchTimeout);
            }
            else
            {
                _dynamic = argument;
            }
        }
        catch (ArgumentException e)
        {
            throw new Parsing.SecLangException($"invalid regular expression: {e.Message}", e);
        }
    }

    public bool Evaluate(Transaction transaction, string input)
    {
        var regex = _regex ?? _options.Regexes.Get(_dynamic!.Expand(transaction), _options.RegexMatchTimeout);
        if (!transaction.CaptureEnabled)
        {
            return regex.IsMatch(input);
        }

        // Most values do not match: IsMatch answers that without the Match object and its groups (on
        // NonBacktracking a failed Match still allocated ~1.7 KiB per value), the rare match is run again for captures.
        if (!regex.IsMatch(input))
        {
            return false;
        }

        var match = regex.Match(input);
        if (!match.Success)
        {
            return false;
        }

        transaction.ClearCaptures();
        var groups = Math.Min(match.Groups.Count, 10);
        for (var i = 0; i < groups; i++)
        {
            if (match.Groups[i].Success)
            {
                transaction.SetCapture(i, match.Groups[i].Value);
            }
        }

        return true;
    }
}
