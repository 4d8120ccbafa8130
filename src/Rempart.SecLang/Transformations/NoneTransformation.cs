namespace Rempart.SecLang.Transformations;

/// <summary><c>t:none</c> — removes the transformations inherited so far; as a function it changes nothing.</summary>
internal sealed class NoneTransformation : ITransformation
{
    public static readonly NoneTransformation Instance = new();

    public string Transform(string input) => input;
}
