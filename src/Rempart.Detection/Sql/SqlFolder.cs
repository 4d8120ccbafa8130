namespace Rempart.Detection.Sql;

/// <summary>
/// Folds a token stream into the few tokens that carry its shape, so that "1+(-1)", "1" and
/// "-1" all read as one number and "UNION /**/ ALL" reads as one UNION. The result is short and
/// canonical, which is what makes a small set of fingerprints cover endless spellings.
/// </summary>
/// <remarks>
/// The folding rules, in the order they are tried each time a token is appended:
/// <list type="number">
/// <item>Comments are dropped; one comment that ends the input is kept, since cutting off the rest of the query is a shape of its own.</item>
/// <item>Before the first token, prefix operators (+ - ~ ! NOT) and opening parentheses are dropped: they only close or nest the application's own expression.</item>
/// <item>Two words that form a phrase merge (UNION ALL, GROUP BY, NOT IN, DROP TABLE).</item>
/// <item>Adjacent strings merge ('a' 'b' is one string in SQL).</item>
/// <item>A dotted name is one name (information_schema.tables); it is a function when its last part is one (sys.fn_varbintohexstr().</item>
/// <item>Type noise goes: x::int becomes x, INT 5 becomes 5, BINARY f( becomes f(, x COLLATE y becomes x.</item>
/// <item>A run of prefix operators counts once (!!!x), and a prefix operator after an operator, keyword, comma or parenthesis goes (= -1, AND NOT 1, SELECT ~1).</item>
/// <item>A parenthesised value that is not a call becomes the value ((1) → 1).</item>
/// <item>Two values joined by an arithmetic or bitwise operator become the first value (1+foo → 1, (x)*2 → (x)), so long expressions cost one token.</item>
/// <item>Runs of the same parenthesis, or of semicolons, collapse to one (((( → ().</item>
/// </list>
/// Comparisons (=, &lt;, LIKE) and logic operators are never folded: they are the signal.
/// </remarks>
internal static class SqlFolder
{
    /// <summary>How many folded tokens a fingerprint holds.</summary>
    public const int FingerprintLength = 5;

    // Folding only ever looks three tokens back, so a little slack past the fingerprint width is
    // enough to be sure later tokens can no longer change it.
    private const int WorkLength = FingerprintLength + 3;

    /// <summary>
    /// Folds tokens from <paramref name="tokenizer"/> into <paramref name="output"/> (at least
    /// <see cref="FingerprintLength"/> long) and returns how many were written. Stops reading as soon
    /// as the first <see cref="FingerprintLength"/> folded tokens are settled, which bounds the work.
    /// <paramref name="complete"/> tells whether the folded input ends with the last token written.
    /// </summary>
    public static int Fold(ref SqlTokenizer tokenizer, ReadOnlySpan<char> input, scoped Span<SqlToken> output, out bool complete)
    {
        Span<SqlToken> work = stackalloc SqlToken[WorkLength];
        var count = 0;
        var trailingComment = default(SqlToken);
        var endsWithComment = false;

        var exhausted = false;
        while (count < WorkLength)
        {
            if (!tokenizer.Next(out var token))
            {
                exhausted = true;
                break;
            }

            if (token.Type == SqlTokenType.Comment)
            {
                // Step 1: keep only a comment that turns out to be the last token.
                if (count > 0)
                {
                    trailingComment = token;
                    endsWithComment = true;
                }

                continue;
            }

            endsWithComment = false;

            // Step 2: leading noise.
            if (count == 0 && (token.Type == SqlTokenType.LeftParenthesis || IsPrefixOperator(token)))
            {
                continue;
            }

            work[count++] = token;
            count = Reduce(work, count, input);
        }

        if (endsWithComment && count < WorkLength)
        {
            work[count++] = trailingComment;
        }

        complete = exhausted && count <= FingerprintLength;
        var written = Math.Min(count, FingerprintLength);
        work[..written].CopyTo(output);
        return written;
    }

    /// <summary>Applies the folding rules to the end of <paramref name="work"/> until none applies.</summary>
    private static int Reduce(Span<SqlToken> work, int count, ReadOnlySpan<char> input)
    {
        while (count >= 2)
        {
            var last = work[count - 1];
            var previous = work[count - 2];

            // Step 3: phrases.
            if (last.Has(SqlTokenFlags.Word) && previous.Has(SqlTokenFlags.Word) &&
                !last.Has(SqlTokenFlags.QuotedIdentifier) && !previous.Has(SqlTokenFlags.QuotedIdentifier))
            {
                var phrase = SqlKeywords.FindPhrase(previous.TextIn(input), last.TextIn(input));
                if (phrase != 0)
                {
                    work[count - 2] = new SqlToken(
                        SqlKeywords.PhraseType(phrase), previous.Start, last.End - previous.Start,
                        SqlKeywords.PhraseFlags(phrase) | SqlTokenFlags.Word, phrase);
                    count--;
                    continue;
                }
            }

            // Step 4: 'a' 'b' is one string.
            if (last.Type == SqlTokenType.String && previous.Type == SqlTokenType.String)
            {
                const SqlTokenFlags endFlags = SqlTokenFlags.StringClosed | SqlTokenFlags.SingleQuoted | SqlTokenFlags.DoubleQuoted;
                work[count - 2] = previous with { Length = last.End - previous.Start, Flags = (previous.Flags & ~endFlags) | (last.Flags & endFlags) };
                count--;
                continue;
            }

            // Step 6 (two-token forms): INT 5 → 5, BINARY COS( → COS(, BINARY BINARY → BINARY.
            if (previous.Type == SqlTokenType.SqlType && (IsPlainValue(last.Type) || last.Type is SqlTokenType.Function or SqlTokenType.SqlType))
            {
                work[count - 2] = last;
                count--;
                continue;
            }

            // Step 10: (( → (, )) → ) and ;; → ;.
            if (last.Type == previous.Type && last.Type is SqlTokenType.LeftParenthesis or SqlTokenType.RightParenthesis or SqlTokenType.Semicolon)
            {
                count--;
                continue;
            }

            // Step 7: NOT, ! and ~ after a value (and not part of NOT IN, NOT LIKE) is not SQL: "are not sure".
            if (count >= 3 && IsPrefixOperator(previous) && !previous.Has(SqlTokenFlags.Arithmetic) && EndsValue(work[count - 3].Type))
            {
                work[count - 2] = previous.WithType(SqlTokenType.Unknown);
                continue;
            }

            // Step 7: !! is ! and - - is -: a run of prefix operators counts once.
            if (IsPrefixOperator(last) && IsPrefixOperator(previous))
            {
                count--;
                continue;
            }

            // Step 7: a prefix operator in front of a value, after anything that cannot end a value.
            if (IsPrefixOperator(previous) && StartsValue(last.Type) && (count == 2 || !EndsValue(work[count - 3].Type)))
            {
                work[count - 2] = last;
                count--;
                continue;
            }

            if (count < 3)
            {
                break;
            }

            var first = work[count - 3];

            // Step 5: dotted names, written without spaces ("freed. This" ends a sentence).
            if (previous.Type == SqlTokenType.Dot && IsName(first) && last.Has(SqlTokenFlags.Word) &&
                first.End == previous.Start && previous.End == last.Start)
            {
                // A qualified call is a function when its last part is one and the name is written the
                // way database packages are (sys.fn_varbintohexstr(, dbms_pipe.receive_message(,
                // utl_http.request(); console.log( and Math.floor( in pasted code are not.
                var type = first.Type == SqlTokenType.Variable ? SqlTokenType.Variable
                    : last.Type == SqlTokenType.Function && input[first.Start..last.End].Contains('_') ? SqlTokenType.Function
                    : SqlTokenType.Bareword;
                work[count - 3] = new SqlToken(type, first.Start, last.End - first.Start, SqlTokenFlags.Word | SqlTokenFlags.QuotedIdentifier);
                count -= 2;
                continue;
            }

            // Step 6: x::type and x COLLATE name.
            if (((previous.Type == SqlTokenType.Colon && previous.Length == 2) || previous.Type == SqlTokenType.Collate) &&
                last.Has(SqlTokenFlags.Word))
            {
                count -= 2;
                continue;
            }

            // Step 8: (value) → value, unless the parenthesis belongs to a call.
            if (last.Type == SqlTokenType.RightParenthesis && first.Type == SqlTokenType.LeftParenthesis &&
                IsPlainValue(previous.Type) && (count == 3 || !IsCallable(work[count - 4].Type)))
            {
                work[count - 3] = previous;
                count -= 2;
                continue;
            }

            // Step 9: value (arithmetic) value → value; (expr) * value → (expr).
            if (IsArithmeticValue(last.Type) && (IsArithmeticValue(first.Type) || first.Type == SqlTokenType.RightParenthesis) &&
                previous.Type == SqlTokenType.Operator && previous.Has(SqlTokenFlags.Arithmetic))
            {
                // A number combined with a name is an expression over a column, which reads as a name.
                if (first.Type == SqlTokenType.Number && last.Type == SqlTokenType.Bareword)
                {
                    work[count - 3] = first.WithType(SqlTokenType.Bareword);
                }

                count -= 2;
                continue;
            }

            break;
        }

        return count;
    }

    private static bool IsPrefixOperator(SqlToken token) => token.Type == SqlTokenType.Operator && token.Has(SqlTokenFlags.Unary);

    /// <summary>Literals and names: what a type prefix or parentheses can wrap.</summary>
    private static bool IsPlainValue(SqlTokenType type) =>
        type is SqlTokenType.Number or SqlTokenType.String or SqlTokenType.Variable or SqlTokenType.Bareword;

    /// <summary>Values that arithmetic folds together; strings are left alone because 'a'-'b' is a telling shape.</summary>
    private static bool IsArithmeticValue(SqlTokenType type) =>
        type is SqlTokenType.Number or SqlTokenType.Variable or SqlTokenType.Bareword;

    private static bool StartsValue(SqlTokenType type) =>
        IsPlainValue(type) || type is SqlTokenType.Function or SqlTokenType.LeftParenthesis or SqlTokenType.Expression;

    /// <summary>Tokens after which + or - is binary (subtraction), not a sign.</summary>
    private static bool EndsValue(SqlTokenType type) =>
        IsPlainValue(type) || type is SqlTokenType.RightParenthesis or SqlTokenType.RightBrace;

    private static bool IsCallable(SqlTokenType type) => type is SqlTokenType.Function or SqlTokenType.Bareword;

    private static bool IsName(SqlToken token) =>
        token.Type is SqlTokenType.Bareword or SqlTokenType.Variable || (token.Has(SqlTokenFlags.Word) && token.Type != SqlTokenType.Number);
}
