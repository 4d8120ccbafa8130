namespace Rempart.SecLang.Transformations;

/// <summary><c>t:replaceNulls</c> — replaces NUL bytes with spaces.</summary>
internal sealed class ReplaceNullsTransformation : ITransformation
{
    public string Transform(string input) => input.Contains('\0') ? input.Replace('\0', ' ') : input;
}
