using Rempart.SecLang.Engine;
using Rempart.SecLang.Transformations;

namespace Rempart.SecLang.BodyProcessors;

/// <summary>
/// Parses <c>a=1&amp;b=2</c> (query strings and urlencoded bodies) into a list: split on the configured
/// separator, then on the first <c>=</c>; names and values are URL-decoded (non-strict, <c>+</c> is a space).
/// Arguments past <c>SecArgumentsLimit</c> are dropped and REQBODY_ERROR is set.
/// </summary>
internal static class UrlEncodedParser
{
    public static void Parse(Transaction tx, string text, KeyValueList target)
    {
        var separator = tx.RuleSet.Settings.ArgumentSeparator;
        var limit = tx.RuleSet.Settings.ArgumentsLimit;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf(separator, start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (end > start)
            {
                if (tx.ArgsGet.Count + tx.ArgsPost.Count >= limit)
                {
                    tx.SetBodyError("Request exceeded the arguments limit.");
                    return;
                }

                var item = text.AsSpan(start, end - start);
                var eq = item.IndexOf('=');
                var name = eq < 0 ? item.ToString() : item[..eq].ToString();
                var value = eq < 0 ? "" : item[(eq + 1)..].ToString();
                if (HasInvalidEscape(name) || HasInvalidEscape(value))
                {
                    tx.UrlEncodedError = 1;
                }

                target.Add(UrlDecodeTransformation.Decode(name), UrlDecodeTransformation.Decode(value));
            }

            start = end + 1;
        }
    }

    private static bool HasInvalidEscape(string value)
    {
        for (var i = value.IndexOf('%'); i >= 0; i = value.IndexOf('%', i + 1))
        {
            if (i + 2 >= value.Length || !TransformationHelpers.IsHex(value[i + 1]) || !TransformationHelpers.IsHex(value[i + 2]))
            {
                return true;
            }
        }

        return false;
    }
}
