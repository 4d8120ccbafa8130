namespace Rempart.SecLang.Transformations;

/// <summary><c>t:normalizePathWin</c> (also <c>normalisePathWin</c>) — <c>\</c> becomes <c>/</c>, then as <c>normalizePath</c>.</summary>
internal sealed class NormalizePathWinTransformation : ITransformation
{
    public string Transform(string input) => NormalizePathTransformation.Normalize(input, windows: true);
}
