namespace Rempart.SecLang.Parsing;

/// <summary>One logical directive line: its name, its arguments after Apache-style unquoting, and where it came from.</summary>
/// <param name="File">The file the directive was read from.</param>
/// <param name="Line">The 1-based line where it starts.</param>
/// <param name="Name">The directive name as written, e.g. <c>SecRule</c>.</param>
/// <param name="Arguments">The arguments, quotes removed, <c>\"</c> and <c>\\</c> unescaped.</param>
public sealed record ConfigDirective(string File, int Line, string Name, IReadOnlyList<string> Arguments);
