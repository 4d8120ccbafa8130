namespace Rempart.Detection.Sql;

/// <summary>
/// One SQL token: its type and where it lies in the input. Tokens never copy text, so tokenizing
/// allocates nothing; <see cref="PhraseId"/> names the canonical text of merged keywords
/// (UNION ALL, GROUP BY) whose source span may hold comments between the words.
/// </summary>
/// <param name="Type">What the token is.</param>
/// <param name="Start">Offset of the first character in the input.</param>
/// <param name="Length">Number of characters, including quotes and comment markers.</param>
/// <param name="Flags">Details the folding step and the shape checks need.</param>
/// <param name="PhraseId">Non-zero when the token is a merged multi-word keyword (see <see cref="SqlKeywords"/>).</param>
internal readonly record struct SqlToken(SqlTokenType Type, int Start, int Length, SqlTokenFlags Flags = SqlTokenFlags.None, int PhraseId = 0)
{
    public int End => Start + Length;

    public bool Has(SqlTokenFlags flag) => (Flags & flag) != 0;

    public char TypeChar => (char)Type;

    /// <summary>The token's text in <paramref name="input"/>.</summary>
    public ReadOnlySpan<char> TextIn(ReadOnlySpan<char> input) =>
        PhraseId != 0 ? SqlKeywords.PhraseText(PhraseId) : input.Slice(Start, Length);

    public SqlToken WithType(SqlTokenType type) => this with { Type = type };
}
