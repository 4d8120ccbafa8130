using System.Diagnostics;
using Rempart.SecLang.Directives;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Parsing;

/// <summary>
/// Loads SecLang configuration (files, globs through <c>Include</c>, or text) into a <see cref="RuleSet"/>.
/// The first error stops the load and is reported as a <see cref="SecLangParseException"/> with file, line
/// and directive.
/// </summary>
/// <example>
/// <code>
/// var parser = new SecLangParser();
/// parser.LoadFile("/usr/share/modsecurity-crs/crs-setup.conf");
/// parser.LoadFile("/usr/share/modsecurity-crs/rules/*.conf");
/// RuleSet rules = parser.Build();
/// </code>
/// </example>
public sealed class SecLangParser
{
    private readonly Stack<string> _including = new();

    /// <summary>Starts a load with <paramref name="options"/> (defaults when null).</summary>
    public SecLangParser(SecLangOptions? options = null) => Builder = new RuleSetBuilder(options);

    /// <summary>The state of the load.</summary>
    public RuleSetBuilder Builder { get; }

    /// <summary>How long loading took so far.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Loads one file, or every file matching a glob in its file-name part (ordinal order).</summary>
    public void LoadFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetFileName(full).IndexOfAny(['*', '?']) >= 0)
        {
            Apply(new ConfigDirective("(api)", 0, "Include", [full]), Path.GetDirectoryName(full) ?? ".");
            return;
        }

        if (_including.Contains(full))
        {
            throw new SecLangParseException(full, 0, "Include", "the file includes itself");
        }

        string text;
        try
        {
            text = Builder.Options.FileReader?.Invoke(full) ?? File.ReadAllText(full, System.Text.Encoding.Latin1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecLangParseException(full, 0, "Include", $"cannot read the file: {e.Message}", e);
        }

        _including.Push(full);
        try
        {
            LoadText(text, full);
        }
        finally
        {
            _including.Pop();
        }
    }

    /// <summary>Loads configuration text; <paramref name="file"/> names it in errors and anchors relative paths.</summary>
    public void LoadText(string text, string file = "(inline)")
    {
        var started = Stopwatch.GetTimestamp();
        var directory = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        foreach (var directive in ConfigLineReader.Read(text, file))
        {
            Apply(directive, directory);
        }

        if (_including.Count <= 1)
        {
            Elapsed += Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>Finishes the load.</summary>
    public RuleSet Build() => Builder.Build();

    private void Apply(ConfigDirective directive, string directory)
    {
        var handler = DirectiveRegistry.Find(directive.Name)
            ?? throw new SecLangParseException(directive.File, directive.Line, directive.Name, "unknown directive");
        try
        {
            handler.Apply(new DirectiveContext(Builder, this, directory), directive);
        }
        catch (SecLangException e)
        {
            throw new SecLangParseException(directive.File, directive.Line, directive.Name, e.Message, e);
        }
        catch (SecLangParseException e) when (e.Line == 0 && directive.Line > 0)
        {
            // A file an Include names could not be read: point at the Include line, and name the file.
            throw new SecLangParseException(directive.File, directive.Line, directive.Name, $"{e.File}: {e.Reason}", e);
        }
    }
}
