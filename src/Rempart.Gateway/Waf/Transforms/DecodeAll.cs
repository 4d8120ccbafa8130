using System.Text;
using System.Text.RegularExpressions;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>
/// decode_all (Rempart): peels the encodings attackers stack to slip past signatures. Rounds of
/// URL (with %u), HTML entity and JavaScript-escape decoding run until nothing changes (at most 4);
/// then every run of 12+ base64 characters that decodes to mostly printable text is decoded too and
/// appended after a newline, so rules see both the original and what it hides. Bounded: the output
/// is at most a few times the input.
/// </summary>
public static partial class DecodeAll
{
    private const int MaxRounds = 4;
    private const int MaxBase64Runs = 16;
    private const int MinBase64Run = 8;

    public static string Apply(string input)
    {
        var current = input;
        var encoded = input.AsSpan().IndexOfAny("%&\\+") >= 0;
        for (var round = 0; encoded && round < MaxRounds; round++)
        {
            var next = JsDecode.ApplyNumericOnly(HtmlEntityDecode.Apply(UrlDecode.ApplyUni(current)));
            if (next == current)
            {
                break;
            }

            current = next;
        }

        // Base64 runs are looked for in the input as received too: URL decoding turns '+' into a space.
        StringBuilder? extra = null;
        var runs = 0;
        HashSet<string>? seen = null;
        foreach (var source in current == input ? [current] : new[] { input, current })
        {
            foreach (var m in Base64Run().EnumerateMatches(source))
            {
                if (++runs > MaxBase64Runs)
                {
                    break;
                }

                // Plain words are runs too; base64 of text mixes cases and digits (or + and /).
                var run = source.AsSpan(m.Index, m.Length);
                if (!LooksEncoded(run))
                {
                    continue;
                }

                seen ??= new HashSet<string>(StringComparer.Ordinal);
                var value = run.ToString();

                // A run may start with path slashes that are not part of the encoded text.
                foreach (var candidate in new[] { value, value.TrimStart('/') })
                {
                    if (candidate.Length >= MinBase64Run && seen.Add(candidate) && Base64Decode.TryDecode(candidate, out var decoded) && MostlyPrintable(decoded))
                    {
                        extra ??= new StringBuilder();
                        extra.Append('\n').Append(UrlDecode.ApplyUni(decoded));
                        break;
                    }
                }
            }
        }

        return extra is null ? current : current + extra;
    }

    /// <summary>Base64 of text mixes cases inside the run and usually has digits or + and /; plain words do not.</summary>
    private static bool LooksEncoded(ReadOnlySpan<char> run)
    {
        bool lower = false, other = false;
        var innerUpper = 0;
        for (var i = 0; i < run.Length; i++)
        {
            var c = run[i];
            if (char.IsAsciiLetterUpper(c))
            {
                innerUpper += i > 0 ? 1 : 0;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (c != '=')
            {
                other = true;
            }
        }

        return lower && (other ? innerUpper >= 1 : innerUpper >= 2);
    }

    private static bool MostlyPrintable(string s)
    {
        if (s.Length < 4)
        {
            return false;
        }

        var printable = 0;
        foreach (var c in s)
        {
            if (c is >= ' ' and < '\u007F' or '\n' or '\r' or '\t')
            {
                printable++;
            }
        }

        return printable >= s.Length * 0.9;
    }

    [GeneratedRegex("[A-Za-z0-9+/_-]{8,}={0,2}")]
    private static partial Regex Base64Run();
}
