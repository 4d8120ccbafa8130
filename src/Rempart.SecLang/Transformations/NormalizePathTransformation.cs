namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:normalizePath</c> (also <c>normalisePath</c>) — collapses <c>//</c>, removes <c>./</c> segments and
/// resolves <c>../</c> against the previous segment. Example: <c>/a/./b/../../etc//passwd</c> → <c>/etc/passwd</c>.
/// </summary>
internal sealed class NormalizePathTransformation : ITransformation
{
    public string Transform(string input) => Normalize(input, windows: false);

    /// <summary>The normaliser, shared with <see cref="NormalizePathWinTransformation"/>.</summary>
    public static string Normalize(string input, bool windows)
    {
        var path = windows ? input.Replace('\\', '/') : input;
        if (path.Length == 0 || (!path.Contains("//", StringComparison.Ordinal) && !path.Contains('.')))
        {
            return windows ? TransformationHelpers.Same(input, path) : input;
        }

        var absolute = path[0] == '/';
        var trailing = path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal) || path == "." || path == "..";
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0 && segments[^1] != "..")
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                else if (!absolute)
                {
                    segments.Add(segment);
                }

                continue;
            }

            segments.Add(segment);
        }

        var result = (absolute ? "/" : "") + string.Join('/', segments);
        if (trailing && segments.Count > 0)
        {
            result += "/";
        }

        return TransformationHelpers.Same(input, result);
    }
}
