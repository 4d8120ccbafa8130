namespace Rempart.Gateway.Configuration;

/// <summary>Relative paths in a config file are relative to the file's folder, as operators expect.</summary>
public static class ConfigPaths
{
    public static string Resolve(string baseDirectory, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
}
