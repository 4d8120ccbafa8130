namespace Rempart.SecLang.Parsing;

/// <summary>A rule file could not be read: carries the file, the line and the directive at fault.</summary>
public sealed class SecLangParseException : Exception
{
    public SecLangParseException(string file, int line, string directive, string message, Exception? inner = null)
        : base($"{file}:{line}: {directive}: {message}", inner)
    {
        File = file;
        Line = line;
        Directive = directive;
        Reason = message;
    }

    /// <summary>The file that holds the bad directive.</summary>
    public string File { get; }

    /// <summary>The 1-based line where the directive starts.</summary>
    public int Line { get; }

    /// <summary>The directive name, e.g. <c>SecRule</c>.</summary>
    public string Directive { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }
}
