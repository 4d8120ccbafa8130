using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>Turns a crs: or seclang: statement into a <see cref="SecLangGroup"/>, through the shared rule-set cache.</summary>
public static class SecLangGroupCompiler
{
    /// <summary>The load plan of a statement that holds crs: or seclang:.</summary>
    public static SecLangLoadPlan Plan(StatementConfig statement, string baseDirectory) =>
        statement.Crs is { } crs ? SecLangLoadPlan.ForCrs(crs, baseDirectory)
        : SecLangLoadPlan.ForFiles(statement.Seclang ?? throw new ArgumentException("not a SecLang statement", nameof(statement)), baseDirectory);

    public static SecLangGroup Compile(string name, StatementConfig statement, string baseDirectory)
    {
        var plan = Plan(statement, baseDirectory);
        SecLangGroupConfig config = statement.Crs is { } crs ? crs : statement.Seclang!;
        return new SecLangGroup(name, plan.Kind, SecLangRuleSetCache.GetOrLoad(plan), config, baseDirectory);
    }
}
