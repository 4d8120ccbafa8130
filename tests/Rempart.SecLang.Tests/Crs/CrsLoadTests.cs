using Rempart.SecLang.Engine;
using Rempart.SecLang.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rempart.SecLang.Tests.Crs;

public sealed class CrsLoadTests(ITestOutputHelper output)
{
    [CrsFact]
    public void Crs_LoadsUnmodified_WithEveryRule()
    {
        var (rules, elapsed) = CrsConfiguration.Load(TestData.Crs!, new SecLangOptions { Regexes = new RegexCache() });
        var starters = rules.Rules.Count(r => !r.IsMarker);
        output.WriteLine($"CRS loaded: {starters} rules, {rules.Rules.Count(r => r.IsMarker)} markers in {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(starters > 600, $"only {starters} rules loaded");
        Assert.NotNull(rules.FindRule(942100));
        Assert.NotNull(rules.FindRule(949110));
    }
}
