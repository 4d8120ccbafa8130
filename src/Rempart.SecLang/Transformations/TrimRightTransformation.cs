namespace Rempart.SecLang.Transformations;

/// <summary><c>t:trimRight</c> — removes trailing white space.</summary>
internal sealed class TrimRightTransformation : ITransformation
{
    public string Transform(string input) => TrimTransformation.Right(input);
}
