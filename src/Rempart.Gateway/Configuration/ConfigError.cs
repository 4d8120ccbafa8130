namespace Rempart.Gateway.Configuration;

/// <summary>
/// One problem in a config file: where (file:line:column), which entity (a path such as
/// <c>routes[1].origin</c>), what is wrong, and what to do about it.
/// </summary>
public sealed record ConfigError(string File, int Line, int Column, string Path, string Message, string? Fix)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var entity = Path.Length > 0 ? $"{Path}: " : "";
        var fix = string.IsNullOrEmpty(Fix) ? "" : $" Fix: {Fix}";
        return $"{where}: error: {entity}{Message}.{fix}";
    }
}
