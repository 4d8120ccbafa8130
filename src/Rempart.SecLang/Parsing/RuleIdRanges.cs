using System.Globalization;

namespace Rempart.SecLang.Parsing;

/// <summary>Reads rule-id lists such as <c>942100</c>, <c>920100-920200</c> or <c>1 2 5-9</c> (spaces or commas).</summary>
public static class RuleIdRanges
{
    /// <summary>The ranges (inclusive); a single id is a range of one.</summary>
    public static List<(int From, int To)> Parse(string text)
    {
        var ranges = new List<(int, int)>();
        foreach (var item in text.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = item.IndexOf('-', 1);
            if (dash < 0)
            {
                ranges.Add((Id(item), Id(item)));
            }
            else
            {
                var from = Id(item[..dash]);
                var to = Id(item[(dash + 1)..]);
                if (from > to)
                {
                    throw new SecLangException($"invalid rule id range '{item}'");
                }

                ranges.Add((from, to));
            }
        }

        return ranges.Count > 0 ? ranges : throw new SecLangException("expected rule ids");

        static int Id(string s) => int.TryParse(s.Trim('"', '\''), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new SecLangException($"invalid rule id '{s}'");
    }
}
