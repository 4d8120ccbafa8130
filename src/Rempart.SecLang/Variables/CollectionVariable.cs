using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Variables;

/// <summary>A collection read from one or more ordered lists (<c>ARGS</c> = GET then POST, <c>REQUEST_HEADERS</c>, …).</summary>
internal sealed class CollectionVariable(string name, params Func<Transaction, KeyValueList>[] sources) : IVariable
{
    public string Name { get; } = name;

    public bool IsCollection => true;

    public void Collect(Transaction transaction, VariableSpec spec, List<MatchTarget> output)
    {
        foreach (var source in sources)
        {
            foreach (var pair in source(transaction).Items)
            {
                if (spec.Selects(pair.Key))
                {
                    output.Add(new MatchTarget(Name, pair.Key, pair.Value));
                }
            }
        }
    }
}
