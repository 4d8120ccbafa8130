using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Variables;

/// <summary>
/// <c>MATCHED_VARS</c> / <c>MATCHED_VARS_NAMES</c>: the values (or names) the previous rule link matched,
/// keyed by their full names (<c>ARGS:id</c>).
/// </summary>
internal sealed class MatchedVarsVariable(string name, bool names) : IVariable
{
    public string Name { get; } = name;

    public bool IsCollection => true;

    public void Collect(Transaction transaction, VariableSpec spec, List<MatchTarget> output)
    {
        foreach (var match in transaction.MatchedVars)
        {
            var fullName = match.FullName;
            if (spec.Selects(fullName))
            {
                output.Add(new MatchTarget(Name, fullName, names ? fullName : match.Value));
            }
        }
    }
}
