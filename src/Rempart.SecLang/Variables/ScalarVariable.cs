using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Variables;

/// <summary>A variable with one value (<c>REQUEST_URI</c>, <c>REQBODY_ERROR</c>, …); a null value means "absent".</summary>
internal sealed class ScalarVariable(string name, Func<Transaction, string?> read) : IVariable
{
    public string Name { get; } = name;

    public bool IsCollection => false;

    public void Collect(Transaction transaction, VariableSpec spec, List<MatchTarget> output)
    {
        var value = read(transaction);
        if (value is not null)
        {
            output.Add(new MatchTarget(Name, null, value));
        }
    }
}
