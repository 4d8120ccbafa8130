namespace Rempart.SecLang.Transformations;

/// <summary><c>t:uppercase</c> — ASCII letters to upper case (C locale).</summary>
internal sealed class UppercaseTransformation : ITransformation
{
    public string Transform(string input)
    {
        if (!input.AsSpan().ContainsAnyInRange('a', 'z'))
        {
            return input;
        }

        return string.Create(input.Length, input, static (span, s) =>
        {
            for (var j = 0; j < span.Length; j++)
            {
                var c = s[j];
                span[j] = c is >= 'a' and <= 'z' ? (char)(c & ~0x20) : c;
            }
        });
    }
}
