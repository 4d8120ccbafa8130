namespace Rempart.Detection.Sql;

/// <summary>
/// Where the application pasted the input into its query. An attacker has to close that context
/// first (a quote, for a string), so the same input is read once per context and the tokenizer
/// starts inside the string when the context is a quote.
/// </summary>
internal enum SqlQuoteContext
{
    /// <summary>A numeric or identifier position: <c>WHERE id = INPUT</c>.</summary>
    None,

    /// <summary>Inside a single-quoted string: <c>WHERE name = 'INPUT'</c>.</summary>
    SingleQuote,

    /// <summary>Inside a double-quoted string (MySQL, or quoted identifiers elsewhere): <c>WHERE name = "INPUT"</c>.</summary>
    DoubleQuote,
}
