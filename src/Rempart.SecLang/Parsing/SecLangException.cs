namespace Rempart.SecLang.Parsing;

/// <summary>
/// A problem in one directive's arguments, raised by a directive, action, operator or variable
/// while it is being compiled; the parser adds the file, line and directive.
/// </summary>
public sealed class SecLangException(string message, Exception? inner = null) : Exception(message, inner);
