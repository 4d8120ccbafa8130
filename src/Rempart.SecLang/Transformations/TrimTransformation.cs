namespace Rempart.SecLang.Transformations;

/// <summary><c>t:trim</c> — removes white space (C <c>isspace</c>) at both ends.</summary>
internal sealed class TrimTransformation : ITransformation
{
    private static readonly char[] s_space = [' ', '\t', '\n', '\v', '\f', '\r'];

    public string Transform(string input) => input.Trim(s_space);

    internal static string Left(string input) => input.TrimStart(s_space);

    internal static string Right(string input) => input.TrimEnd(s_space);
}
