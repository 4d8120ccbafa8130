namespace Rempart.SecLang.Transformations;

/// <summary><c>t:base64DecodeExt</c> — forgiving Base64: bytes outside the alphabet (and padding) are skipped.</summary>
internal sealed class Base64DecodeExtTransformation : ITransformation
{
    public string Transform(string input)
    {
        var kept = new char[input.Length];
        var n = 0;
        foreach (var c in input)
        {
            if (Base64Alphabet.Value(c) >= 0)
            {
                kept[n++] = c;
            }
        }

        return Base64Alphabet.Decode(kept.AsSpan(0, n));
    }
}
