using System.Text.RegularExpressions;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Tests.Engine;

public sealed class RequiredLiteralsTests
{
    [Theory]
    [InlineData(@"(?i)\b(?:eval|exec|system)\s*\(", "eval|exec|system", true)]
    [InlineData(@"a?b", "b", false)]
    [InlineData(@"(?:foo|bar)baz", "foobaz|barbaz", false)]
    [InlineData(@"<script[^>]*>", "<script", false)]
    [InlineData(@"x(?i:on)load", "xonload", true)]
    [InlineData(@"(?:ab)+[0-9]{2}cd{1,3}", "ab", false)]
    [InlineData(@"\x41\.\u0042", "A.B", false)]
    [InlineData(@"caf\xe9", "caf", false)] // a non-ASCII char requires nothing
    public void FindsTheLiteralsEveryMatchContains(string pattern, string expected, bool ignoreCase)
    {
        var prefilter = RequiredLiterals.For(pattern, ignoreCase: false);

        Assert.NotNull(prefilter);
        Assert.Equal(expected.Split('|').Order(), prefilter.Literals.Order());
        Assert.Equal(ignoreCase, prefilter.IgnoreCase);
    }

    [Theory]
    [InlineData(@"^[0-9]+$")]
    [InlineData(@"(?:foo|.)")]
    [InlineData(@"(a)b\1")]
    [InlineData(@"(?x) a b")]
    [InlineData(@"(?:abc)?")]
    public void GivesNoPrefilterWhenNothingIsRequiredOrThePatternIsNotUnderstood(string pattern) =>
        Assert.Null(RequiredLiterals.For(pattern, ignoreCase: false));

    [Theory]
    [InlineData(@"(?i)kill", "\u212Aill")] // .NET folds k with the Kelvin sign
    [InlineData(@"(?i)<script", "<SCRİPT")] // U+0130 under the invariant culture: no match, and no wrong "cannot"
    [InlineData(@"(?i)\bsleep\s*\(", "SLEEP (1)")]
    [InlineData(@"onerror\s*=", "x onerror =1")]
    public void NeverSaysCannotWhenTheRegexMatches(string pattern, string input)
    {
        var regex = new Regex(pattern, RegexOptions.Singleline | RegexOptions.CultureInvariant);
        var prefilter = RequiredLiterals.For(pattern, ignoreCase: false)!;

        Assert.True(!regex.IsMatch(input) || prefilter.MayMatch(input));
    }

    [Fact]
    public void RandomInputs_AMatchAlwaysPassesThePrefilter()
    {
        string[] patterns =
        [
            @"(?i)(?:on(?:error|load)|style)\s*=", @"(?:\$\{|#\{)[^}]+\}", @"(?i)union\s+(?:all\s+)?select",
            @"a(?:b|c)*d(?:e|f)", @"(?:ab|cd)(?:ef|gh)(?:ij)?", @"x{2,}y|z+w", @"(?i)\b(?:ex|ev)(?:ec|al)\b\s*\(",
        ];
        string[] fragments = ["on", "error", "load", "style", "=", " ", "${", "#{", "}", "union", "UNION", "all", "select", "SeLeCt",
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "x", "y", "z", "w", "EX", "ec", "Ev", "AL", "(", "\u212A"];
        var random = new Random(7);
        var matched = 0;
        foreach (var pattern in patterns)
        {
            var regex = new Regex(pattern, RegexOptions.Singleline | RegexOptions.CultureInvariant);
            var prefilter = RequiredLiterals.For(pattern, ignoreCase: false);
            Assert.NotNull(prefilter);
            for (var n = 0; n < 20_000; n++)
            {
                var input = string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => fragments[random.Next(fragments.Length)]));
                if (regex.IsMatch(input))
                {
                    matched++;
                    Assert.True(prefilter.MayMatch(input), $"{pattern} matches '{input}' but the prefilter said it cannot");
                }
            }
        }

        Assert.True(matched > 200, $"only {matched} matches:  the random inputs should match often enough to test something");
    }
}
