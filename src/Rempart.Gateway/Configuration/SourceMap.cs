namespace Rempart.Gateway.Configuration;

/// <summary>
/// Where each value of a config came from, keyed by its path (<c>routes[0].origin</c>), so that
/// checks made after binding can still point at a line and column.
/// </summary>
public sealed class SourceMap(string file)
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public void Record(string path, int line, int column) => _positions[path] = (line, column);

    /// <summary>The position of <paramref name="path"/>, or of its nearest recorded parent.</summary>
    public (int Line, int Column) Find(string path)
    {
        var p = path;
        while (true)
        {
            if (_positions.TryGetValue(p, out var pos))
            {
                return pos;
            }

            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            if (cut <= 0)
            {
                return _positions.TryGetValue("", out var root) ? root : (0, 0);
            }

            p = p[..cut];
        }
    }

    public ConfigError Error(string path, string message, string? fix = null)
    {
        var (line, column) = Find(path);
        return new ConfigError(File, line, column, path, message, fix);
    }
}
