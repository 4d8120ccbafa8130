namespace Rempart.SecLang.Transformations;

/// <summary>
/// A transformation (<c>t:name</c>): a pure function from one value to another, applied before the
/// operator. Values hold one byte per char. Implementations are stateless singletons and must
/// return the same instance when nothing changed (multiMatch relies on it).
/// </summary>
public interface ITransformation
{
    /// <summary>Transforms <paramref name="input"/>.</summary>
    string Transform(string input);
}
