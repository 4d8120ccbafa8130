namespace Rempart.Detection.Sql;

/// <summary>Details of a token that its type alone does not carry but folding and the shape checks need.</summary>
[Flags]
internal enum SqlTokenFlags : ushort
{
    None = 0,

    /// <summary>A string that starts with its own quote (false for the string the quote context opened).</summary>
    StringOpened = 1 << 0,

    /// <summary>A string that ends with a closing quote (false when it runs to the end of the input).</summary>
    StringClosed = 1 << 1,

    /// <summary>A string the input opened with a single quote (for merged strings: the last one).</summary>
    SingleQuoted = 1 << 10,

    /// <summary>A string the input opened with a double quote (for merged strings: the last one).</summary>
    DoubleQuoted = 1 << 11,

    /// <summary>An operator that may also be a prefix (+, -, ~, !, NOT), and is dropped in front of a value.</summary>
    Unary = 1 << 2,

    /// <summary>An arithmetic or bitwise operator: two values joined by it fold into one value.</summary>
    Arithmetic = 1 << 3,

    /// <summary>A comparison operator (=, &lt;, LIKE, IN, ...).</summary>
    Comparison = 1 << 4,

    /// <summary>A comment opened by <c>--</c>.</summary>
    DoubleDashComment = 1 << 5,

    /// <summary>A comment opened by <c>#</c> (MySQL only).</summary>
    HashComment = 1 << 6,

    /// <summary>A comment opened by <c>/*</c>.</summary>
    BlockComment = 1 << 7,

    /// <summary>A word (keyword or identifier), as opposed to punctuation; only words form phrases.</summary>
    Word = 1 << 8,

    /// <summary>A bare word that was written quoted (`x`, [x]) and so is surely an identifier.</summary>
    QuotedIdentifier = 1 << 9,
}
