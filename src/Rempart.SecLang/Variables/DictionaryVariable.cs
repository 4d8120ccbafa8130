using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Variables;

/// <summary>A collection with unique keys (<c>TX</c>, <c>ENV</c>, persistent collections such as <c>IP</c>).</summary>
internal sealed class DictionaryVariable(string name, Func<Transaction, IReadOnlyDictionary<string, string>?> read) : IVariable
{
    public string Name { get; } = name;

    public bool IsCollection => true;

    public void Collect(Transaction transaction, VariableSpec spec, List<MatchTarget> output)
    {
        var values = read(transaction);
        if (values is null)
        {
            return;
        }

        if (spec.Key is not null && spec.Exclusions.Count == 0)
        {
            if (values.TryGetValue(spec.Key, out var value))
            {
                output.Add(new MatchTarget(Name, spec.Key, value));
            }

            return;
        }

        foreach (var pair in values)
        {
            if (spec.Selects(pair.Key))
            {
                output.Add(new MatchTarget(Name, pair.Key, pair.Value));
            }
        }
    }
}
