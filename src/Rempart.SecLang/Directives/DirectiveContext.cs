using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary>What a directive sees: the rule set being built, the current file's directory, and a way to include files.</summary>
public sealed class DirectiveContext
{
    internal DirectiveContext(RuleSetBuilder builder, SecLangParser parser, string directory)
    {
        Builder = builder;
        Parser = parser;
        Directory = directory;
    }

    /// <summary>The rule set being built.</summary>
    public RuleSetBuilder Builder { get; }

    /// <summary>The parser (for <c>Include</c>).</summary>
    public SecLangParser Parser { get; }

    /// <summary>The directory of the file being read.</summary>
    public string Directory { get; }

    /// <summary>Checks the argument count.</summary>
    public static void Arguments(ConfigDirective directive, int min, int max)
    {
        if (directive.Arguments.Count < min || directive.Arguments.Count > max)
        {
            throw new SecLangException(min == max
                ? $"expects {min} argument(s), got {directive.Arguments.Count}"
                : $"expects {min} to {max} arguments, got {directive.Arguments.Count}");
        }
    }
}
