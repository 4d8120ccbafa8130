using System.Globalization;
using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Variables;

/// <summary><c>RULE</c>: the current rule's metadata (<c>RULE.id</c>, <c>RULE.msg</c>, <c>RULE.severity</c>, …).</summary>
internal sealed class RuleVariable : IVariable
{
    public string Name => "RULE";

    public bool IsCollection => true;

    public void Collect(Transaction transaction, VariableSpec spec, List<MatchTarget> output)
    {
        var rule = transaction.CurrentRule;
        if (rule is null)
        {
            return;
        }

        Add("id", rule.Id.ToString(CultureInfo.InvariantCulture));
        Add("phase", rule.Phase.ToString(CultureInfo.InvariantCulture));
        Add("msg", rule.Message?.Text);
        Add("logdata", rule.LogData?.Text);
        Add("severity", rule.Severity?.ToString(CultureInfo.InvariantCulture));
        Add("rev", rule.Revision);
        Add("ver", rule.Version);
        Add("maturity", rule.Maturity?.ToString(CultureInfo.InvariantCulture));
        Add("accuracy", rule.Accuracy?.ToString(CultureInfo.InvariantCulture));

        void Add(string key, string? value)
        {
            if (value is not null && spec.Selects(key))
            {
                output.Add(new MatchTarget(Name, key, value));
            }
        }
    }
}
