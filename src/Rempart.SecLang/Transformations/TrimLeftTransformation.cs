namespace Rempart.SecLang.Transformations;

/// <summary><c>t:trimLeft</c> — removes leading white space.</summary>
internal sealed class TrimLeftTransformation : ITransformation
{
    public string Transform(string input) => TrimTransformation.Left(input);
}
