namespace Rempart.SecLang.Transformations;

/// <summary><c>t:base64Decode</c> — decodes the leading run of Base64 characters (decoding stops at the first other byte).</summary>
internal sealed class Base64DecodeTransformation : ITransformation
{
    public string Transform(string input)
    {
        var end = 0;
        while (end < input.Length && Base64Alphabet.Value(input[end]) >= 0)
        {
            end++;
        }

        return Base64Alphabet.Decode(input.AsSpan(0, end));
    }
}
