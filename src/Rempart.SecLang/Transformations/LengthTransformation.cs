using System.Globalization;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:length</c> — the value's length in bytes, in decimal.</summary>
internal sealed class LengthTransformation : ITransformation
{
    public string Transform(string input) => input.Length.ToString(CultureInfo.InvariantCulture);
}
