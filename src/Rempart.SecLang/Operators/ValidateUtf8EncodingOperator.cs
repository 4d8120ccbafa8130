using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@validateUtf8Encoding</c> — matches when the bytes are not valid UTF-8 (truncated, overlong, surrogates, above U+10FFFF).</summary>
internal sealed class ValidateUtf8EncodingOperator : IOperator
{
    public bool Evaluate(Transaction transaction, string input)
    {
        if (System.Text.Ascii.IsValid(input))
        {
            return false;
        }

        return !System.Text.Unicode.Utf8.IsValid(Text.Latin1.ToBytes(input));
    }
}
