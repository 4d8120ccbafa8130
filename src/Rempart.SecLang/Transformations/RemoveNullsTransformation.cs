namespace Rempart.SecLang.Transformations;

/// <summary><c>t:removeNulls</c> — removes NUL bytes.</summary>
internal sealed class RemoveNullsTransformation : ITransformation
{
    public string Transform(string input) => input.Contains('\0') ? input.Replace("\0", "", StringComparison.Ordinal) : input;
}
