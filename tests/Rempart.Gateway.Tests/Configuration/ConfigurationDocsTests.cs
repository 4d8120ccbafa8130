using System.Text.RegularExpressions;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Configuration;

/// <summary>Keeps docs/configuration.md true: every key of the config language is documented there.</summary>
public class ConfigurationDocsTests
{
    [Fact]
    public void EveryConfigKey_IsInTheReference()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "configuration.md"));
        // A key is documented when it appears in a code span, alone or as a part of a dotted path.
        var missing = Keys(typeof(GatewayConfig))
            .Where(k => !Regex.IsMatch(doc, $@"`([a-z0-9_.\[\]<>]*\.)?{k}(\[\])?(\.[a-z0-9_.\[\]<>]*)?`"))
            .ToList();

        Assert.True(missing.Count == 0, "undocumented keys: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Keys(Type type, HashSet<Type>? seen = null)
    {
        seen ??= [];
        if (!seen.Add(type))
        {
            yield break; // statements nest themselves
        }

        foreach (var key in ConfigTypeInfo.For(type).Keys.Values)
        {
            yield return key.Name;
            var t = Nullable.GetUnderlyingType(key.Property.PropertyType) ?? key.Property.PropertyType;
            t = ConfigTypeInfo.ListElement(t) ?? ConfigTypeInfo.MapValue(t) ?? t;
            if (ConfigTypeInfo.IsRecord(t))
            {
                foreach (var nested in Keys(t, seen))
                {
                    yield return nested;
                }
            }
        }
    }
}
