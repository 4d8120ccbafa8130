namespace Rempart.Detection.Sql;

/// <summary>
/// The kind of a SQL token. Each value is the one character that stands for it in a fingerprint,
/// so a fingerprint is just the types of the first folded tokens written side by side.
/// The letters follow the convention used by libinjection-class detectors (and documented in the
/// shared test data), so logs read the same to people who know CRS rule 942100.
/// </summary>
internal enum SqlTokenType : ushort
{
    None = 0,

    /// <summary>A keyword with no more specific role (FROM, WHERE, INTO, TABLE, AS, ...).</summary>
    Keyword = 'k',

    /// <summary>A set operator that glues a second query on: UNION [ALL|DISTINCT], INTERSECT, EXCEPT, MINUS.</summary>
    Union = 'U',

    /// <summary>A clause that may follow a complete expression: GROUP BY, ORDER BY, LIMIT, HAVING, PROCEDURE, ...</summary>
    Group = 'B',

    /// <summary>A word that starts a query or a data statement: SELECT, INSERT, UPDATE, DELETE, DROP, ...</summary>
    Expression = 'E',

    /// <summary>A procedural (mostly Transact-SQL) statement: WAITFOR, EXEC, DECLARE, SHUTDOWN, ...</summary>
    ProceduralStatement = 'T',

    /// <summary>A type name used as a cast or literal prefix (INT, VARCHAR, DOUBLE PRECISION, ...).</summary>
    SqlType = 't',

    /// <summary>A known function immediately followed by an opening parenthesis.</summary>
    Function = 'f',

    /// <summary>A bare word: an identifier or ordinary text.</summary>
    Bareword = 'n',

    /// <summary>A numeric literal, or a literal keyword that behaves like one (NULL, TRUE, FALSE).</summary>
    Number = '1',

    /// <summary>A variable (@x, @@version) or a niladic value such as CURRENT_USER.</summary>
    Variable = 'v',

    /// <summary>A string literal, possibly unterminated or opened by the quote context.</summary>
    String = 's',

    /// <summary>An arithmetic, comparison, bitwise or pattern operator (+, =, LIKE, IN, ...).</summary>
    Operator = 'o',

    /// <summary>A logic operator: AND, OR, XOR, &amp;&amp;, ||.</summary>
    LogicOperator = '&',

    /// <summary>A comment (--, #, /* */).</summary>
    Comment = 'c',

    /// <summary>COLLATE, which may follow any expression.</summary>
    Collate = 'A',

    LeftParenthesis = '(',
    RightParenthesis = ')',
    LeftBrace = '{',
    RightBrace = '}',
    Dot = '.',
    Comma = ',',
    Colon = ':',
    Semicolon = ';',

    /// <summary>A character that has no meaning in SQL here.</summary>
    Unknown = '?',

    /// <summary>
    /// Something whose meaning differs between database engines in a way only an evasion would use,
    /// such as a comment opened inside a comment. Always reported as injection.
    /// </summary>
    Evasion = 'X',

    Backslash = '\\',
}
