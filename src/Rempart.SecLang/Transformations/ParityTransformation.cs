namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:parityEven7bit</c>, <c>t:parityOdd7bit</c>, <c>t:parityZero7bit</c> — sets the high bit of each
/// byte for even or odd parity over the low 7 bits, or clears it.
/// </summary>
internal sealed class ParityTransformation(ParityTransformation.Mode mode) : ITransformation
{
    public enum Mode
    {
        Even,
        Odd,
        Zero,
    }

    public string Transform(string input)
    {
        var chars = new char[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            var low = input[i] & 0x7f;
            var odd = (System.Numerics.BitOperations.PopCount((uint)low) & 1) == 1;
            var high = mode switch
            {
                Mode.Even => odd,
                Mode.Odd => !odd,
                _ => false,
            };
            chars[i] = (char)(low | (high ? 0x80 : 0));
        }

        return TransformationHelpers.Same(input, chars);
    }
}
