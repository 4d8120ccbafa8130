namespace Rempart.Detection.Sql;

/// <summary>
/// The role of a SQL word: alone, and directly in front of an opening parenthesis (USER is a bare
/// word, USER() a function call; CHAR is a type, CHAR(65) a call).
/// </summary>
internal readonly record struct SqlWord(SqlTokenType Alone, SqlTokenType BeforeParenthesis, SqlTokenFlags Flags);
