using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary>
/// <c>Include path</c> — reads another file (relative to the including file). The file-name part may be a glob
/// (<c>rules/*.conf</c>); matches are read in ordinal order; a glob that matches nothing is an error.
/// </summary>
internal sealed class IncludeDirective : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, 1, 1);
        var path = directive.Arguments[0];
        if (!Path.IsPathRooted(path))
        {
            path = Path.Combine(context.Directory, path);
        }

        var name = Path.GetFileName(path);
        if (name.IndexOfAny(['*', '?', '[']) < 0)
        {
            context.Parser.LoadFile(path);
            return;
        }

        var directory = Path.GetDirectoryName(path) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new SecLangException($"directory '{directory}' does not exist");
        }

        var files = Directory.GetFiles(directory, name).Where(f => FileMatches(Path.GetFileName(f), name)).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new SecLangException($"no file matches '{path}'");
        }

        foreach (var file in files)
        {
            context.Parser.LoadFile(file);
        }
    }

    // Directory.GetFiles("*.conf") also matches "x.conf.example" on some platforms' 8.3 rules: check the whole name.
    private static bool FileMatches(string file, string pattern) =>
        System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, file, ignoreCase: false);
}
