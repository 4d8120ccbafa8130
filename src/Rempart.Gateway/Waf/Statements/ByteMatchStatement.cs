using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Fields;
using Rempart.Gateway.Waf.Transforms;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>byte_match: <c>{ field, transforms, exactly | starts_with | ends_with | contains | contains_word: "…" }</c>. Case-sensitive, as in AWS (use lowercase).</summary>
public sealed class ByteMatchStatement(ByteMatchConfig config, IFieldSelector selector, TransformChain transforms)
    : FieldStatement("byte_match", selector, transforms)
{
    protected override bool Test(string value, WafEvaluationContext context, out string? detail)
    {
        detail = null;
        if (config.Exactly is { } exactly) return value == exactly;
        if (config.StartsWith is { } prefix) return value.StartsWith(prefix, StringComparison.Ordinal);
        if (config.EndsWith is { } suffix) return value.EndsWith(suffix, StringComparison.Ordinal);
        if (config.Contains is { } part) return value.Contains(part, StringComparison.Ordinal);
        return ContainsWord(value, config.ContainsWord!);
    }

    private static bool ContainsWord(string value, string word)
    {
        var index = 0;
        while ((index = value.IndexOf(word, index, StringComparison.Ordinal)) >= 0)
        {
            var before = index == 0 || !char.IsLetterOrDigit(value[index - 1]);
            var end = index + word.Length;
            var after = end >= value.Length || !char.IsLetterOrDigit(value[end]);
            if (before && after)
            {
                return true;
            }

            index++;
        }

        return false;
    }
}
