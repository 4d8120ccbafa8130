namespace Rempart.Gateway.Waf.Transforms;

/// <summary>remove_nulls and replace_nulls (NUL becomes a space).</summary>
public static class Nulls
{
    public static string Remove(string input) => input.IndexOf('\0') < 0 ? input : input.Replace("\0", "", StringComparison.Ordinal);

    public static string Replace(string input) => input.IndexOf('\0') < 0 ? input : input.Replace('\0', ' ');
}
