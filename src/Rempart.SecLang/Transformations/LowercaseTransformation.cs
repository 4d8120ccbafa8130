namespace Rempart.SecLang.Transformations;

/// <summary><c>t:lowercase</c> — ASCII letters to lower case (C locale). Example: <c>SeLeCt</c> → <c>select</c>.</summary>
internal sealed class LowercaseTransformation : ITransformation
{
    public string Transform(string input)
    {
        var i = 0;
        while (i < input.Length && input[i] is not (>= 'A' and <= 'Z'))
        {
            i++;
        }

        if (i == input.Length)
        {
            return input;
        }

        return string.Create(input.Length, (input, i), static (span, state) =>
        {
            state.input.AsSpan().CopyTo(span);
            for (var j = state.i; j < span.Length; j++)
            {
                if (span[j] is >= 'A' and <= 'Z')
                {
                    span[j] = (char)(span[j] | 0x20);
                }
            }
        });
    }
}
