using Rempart.SecLang.Engine;
using Rempart.SecLang.Transformations;

namespace Rempart.SecLang.Operators;

/// <summary><c>@validateUrlEncoding</c> — matches when a <c>%</c> is not followed by two hex digits.</summary>
internal sealed class ValidateUrlEncodingOperator : IOperator
{
    public bool Evaluate(Transaction transaction, string input)
    {
        for (var i = input.IndexOf('%'); i >= 0; i = input.IndexOf('%', i + 1))
        {
            if (i + 2 >= input.Length || !TransformationHelpers.IsHex(input[i + 1]) || !TransformationHelpers.IsHex(input[i + 2]))
            {
                return true;
            }
        }

        return false;
    }
}
