namespace Rempart.Detection.Html;

/// <summary>One HTML token: its type and where its text lies in the input (no copy is made).</summary>
internal readonly record struct HtmlToken(HtmlTokenType Type, int Start, int Length)
{
    public ReadOnlySpan<char> TextIn(ReadOnlySpan<char> input) => input.Slice(Start, Length);
}
