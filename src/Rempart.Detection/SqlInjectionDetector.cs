using Rempart.Detection.Sql;

namespace Rempart.Detection;

/// <summary>
/// Detects SQL injection the way libinjection-class detectors do, with our own tokenizer, folding
/// and fingerprint grammar (see docs/detection.md).
/// </summary>
/// <remarks>
/// For each place the application may have pasted the input (a number position, inside '...',
/// inside "..."):
/// Step 1: tokenize the input as a database would, starting inside the quote when there is one.
/// Step 2: fold the tokens into at most <see cref="SqlFolder.FingerprintLength"/> that carry the shape.
/// Step 3: look the fingerprint up in the set generated from <see cref="SqlShapeGrammar"/>.
/// Steps 1-3 read the input the ANSI way ("--" always a comment, a backslash is just a character).
/// Step 4: when the input holds "--" or a backslash, do it again the MySQL way ("--" a comment
/// only before a space, backslash escapes in strings), since an injection only needs to work on
/// one engine.
/// Inputs longer than <see cref="MaxInputLength"/> characters are checked on their first
/// <see cref="MaxInputLength"/> characters; folding stops reading as soon as the fingerprint is settled.
/// Thread-safe, never throws, allocates only the fingerprint string of a positive verdict.
/// </remarks>
public static class SqlInjectionDetector
{
    /// <summary>
    /// How many characters are examined (1 Mi); the rest of a longer input is ignored. The work is
    /// linear in the length, and padding an attack past a small limit is a known bypass, so the limit
    /// is a last-resort bound; callers bound what they inspect (body size limits) before this.
    /// </summary>
    public const int MaxInputLength = 1024 * 1024;

    private static readonly SqlFingerprintSet s_lowSet = SqlShapeGrammar.Build(SqlSensitivity.Low);
    private static readonly SqlFingerprintSet s_highSet = SqlShapeGrammar.Build(SqlSensitivity.High);

    /// <summary>Tells whether <paramref name="input"/> (already decoded by the caller) looks like injected SQL.</summary>
    public static SqlInjectionResult Detect(ReadOnlySpan<char> input, SqlSensitivity sensitivity = SqlSensitivity.Low)
    {
        if (input.Length > MaxInputLength)
        {
            input = input[..MaxInputLength];
        }

        return Detect(input, sensitivity == SqlSensitivity.High ? s_highSet : s_lowSet);
    }

    /// <summary>Runs the detection against one fingerprint set; the public entry point picks the set.</summary>
    internal static SqlInjectionResult Detect(ReadOnlySpan<char> input, SqlFingerprintSet set)
    {
        var readsDifferentlyInMysql = input.Contains("--", StringComparison.Ordinal) || input.Contains('\\');

        // A quote context only matters when the input holds that quote: without it there is no way out.
        ReadOnlySpan<SqlQuoteContext> contexts = [SqlQuoteContext.None, SqlQuoteContext.SingleQuote, SqlQuoteContext.DoubleQuote];
        foreach (var context in contexts)
        {
            if ((context == SqlQuoteContext.SingleQuote && !input.Contains('\'')) ||
                (context == SqlQuoteContext.DoubleQuote && !input.Contains('"')))
            {
                continue;
            }

            var result = Check(input, context, mysql: false, set);
            if (!result.IsInjection && readsDifferentlyInMysql)
            {
                result = Check(input, context, mysql: true, set);
            }

            if (result.IsInjection)
            {
                return result;
            }
        }

        return SqlInjectionResult.Clean;
    }

    private static SqlInjectionResult Check(ReadOnlySpan<char> input, SqlQuoteContext context, bool mysql, SqlFingerprintSet set)
    {
        var tokenizer = new SqlTokenizer(input, context, mysql);
        Span<SqlToken> tokens = stackalloc SqlToken[SqlFolder.FingerprintLength];
        var count = SqlFolder.Fold(ref tokenizer, input, tokens, out var complete);
        tokens = tokens[..count];

        Span<char> letters = stackalloc char[SqlFolder.FingerprintLength];
        var evasion = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            letters[i] = KeyLetter(tokens[i], input);
            evasion |= tokens[i].Type == SqlTokenType.Evasion;
        }

        letters = letters[..count];
        // Balanced: the attacker opened a string with the context's own quote and left it for the
        // application's closing quote to end, so the whole query parses.
        var endsInOpenString = complete && count > 0 &&
            tokens[^1].Type == SqlTokenType.String &&
            !tokens[^1].Has(SqlTokenFlags.StringClosed) &&
            tokens[^1].Has(context == SqlQuoteContext.SingleQuote ? SqlTokenFlags.SingleQuoted : SqlTokenFlags.DoubleQuoted);
        var matches = context == SqlQuoteContext.None
            ? set.Matches('n', letters, complete, endsInOpenString)
            : set.Matches('q', letters, complete, endsInOpenString) ||
              (IsCompact(input, tokens) && set.Matches('c', letters, complete, endsInOpenString));

        if (evasion || (matches && !IsQuotedWord(input, tokens, context, complete)))
        {
            return new SqlInjectionResult(true, Fingerprint(tokens));
        }

        return SqlInjectionResult.Clean;
    }

    /// <summary>
    /// True when the application's string, the part of the input before the attacker's quote, holds
    /// no white space: an id, a user name, a number. Free text makes some shapes by chance.
    /// </summary>
    private static bool IsCompact(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> tokens)
    {
        if (tokens.IsEmpty || tokens[0].Type != SqlTokenType.String)
        {
            return false;
        }

        foreach (var c in input.Slice(tokens[0].Start, tokens[0].Length))
        {
            if (SqlTokenizer.IsSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True for text that quotes a single word or sign, such as <c>"LIKE" stamp</c> or <c>select 'and'</c>:
    /// read from inside a quote, it becomes string, operator, string, which is also the shape of
    /// <c>x' OR 'y</c>. The difference is that the quotes hug the word and the first one opens it
    /// (at the start of the input or after a space or a sign, not glued to a word), the way people
    /// quote words in text and in search queries (q="LIKE").
    /// </summary>
    private static bool IsQuotedWord(ReadOnlySpan<char> input, ReadOnlySpan<SqlToken> tokens, SqlQuoteContext context, bool complete)
    {
        if (context == SqlQuoteContext.None || !complete || tokens.Length != 3 ||
            tokens[0].Type != SqlTokenType.String || tokens[2].Type != SqlTokenType.String)
        {
            return false;
        }

        var quote = context == SqlQuoteContext.SingleQuote ? '\'' : '"';
        var word = tokens[1];
        var opening = word.Start - 1;
        return opening >= 0 && input[opening] == quote &&
            word.End < input.Length && input[word.End] == quote &&
            (opening == 0 || !char.IsLetterOrDigit(input[opening - 1]));
    }

    /// <summary>
    /// The letter a token has in the grammar: its type, except that MySQL's # comment is told apart
    /// (text uses # often), a "--" glued to text ("--inspect", "-----BEGIN"), and operators spelled as
    /// words (IN, IS, LIKE read as English too).
    /// </summary>
    private static char KeyLetter(SqlToken token, ReadOnlySpan<char> input) => token.Type switch
    {
        SqlTokenType.Comment when token.Has(SqlTokenFlags.HashComment) => SqlFingerprintSet.HashCommentLetter,
        SqlTokenType.Comment when token.Has(SqlTokenFlags.DoubleDashComment) && token.Length > 2 && !SqlTokenizer.IsSpace(input[token.Start + 2]) =>
            SqlFingerprintSet.GluedCommentLetter,
        SqlTokenType.Operator when token.Has(SqlTokenFlags.Word) => SqlFingerprintSet.WordOperatorLetter,
        _ => token.TypeChar,
    };

    private static string Fingerprint(ReadOnlySpan<SqlToken> tokens)
    {
        Span<char> letters = stackalloc char[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            letters[i] = tokens[i].TypeChar;
        }

        return new string(letters);
    }
}
