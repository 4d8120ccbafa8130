using System.Text.RegularExpressions;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Tests.Engine;

public sealed class AdaptiveRegexTests
{
    [Fact]
    public void EngineRaisesTheNonBacktrackingSizeLimit_SoCrsSizedAlternationsCanGoLinear()
    {
        // A CRS-sized word alternation (932235 has ~15,000 automaton nodes; .NET's default limit is 10,000).
        var words = Enumerable.Range(0, 2500).Select(i => $"cmd{i:x}{(char)('a' + (i % 26))}x");
        var pattern = $@"(?i)(?:^|[;&|])\s*(?:{string.Join('|', words)})\b";
        Assert.Throws<NotSupportedException>(() => AppContextLimit(10_000, () => new Regex(pattern, RegexOptions.NonBacktracking)));

        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(AdaptiveRegex).TypeHandle);
        Assert.Equal(AdaptiveRegex.MaxAutomataSize, AppContext.GetData(AdaptiveRegex.MaxAutomataSizeSwitch));
        var linear = new Regex(pattern, RegexOptions.NonBacktracking);
        Assert.Matches(linear, "x; CMD0AX now");
    }

    private static T AppContextLimit<T>(int limit, Func<T> build)
    {
        var before = AppContext.GetData(AdaptiveRegex.MaxAutomataSizeSwitch);
        AppContext.SetData(AdaptiveRegex.MaxAutomataSizeSwitch, limit);
        try
        {
            return build();
        }
        finally
        {
            AppContext.SetData(AdaptiveRegex.MaxAutomataSizeSwitch, before);
        }
    }
}
