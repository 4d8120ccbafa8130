using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Variables;

/// <summary>The keys of a collection as values (<c>ARGS_NAMES</c>, <c>REQUEST_HEADERS_NAMES</c>, …).</summary>
internal sealed class NamesVariable(string name, params Func<Transaction, KeyValueList>[] sources) : IVariable
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
                    output.Add(new MatchTarget(Name, pair.Key, pair.Key));
                }
            }
        }
    }
}
