using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary><c>logdata:'Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}'</c> — data logged on a match.</summary>
internal sealed class LogDataAction() : LoadTimeAction(ActionKind.Metadata)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context) => rule.LogData = Macro.Parse(argument ?? "");
}
