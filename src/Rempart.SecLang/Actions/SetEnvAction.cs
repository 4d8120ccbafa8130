using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary><c>setenv:name=value</c> — sets a variable in ENV for this transaction (macros expand).</summary>
internal sealed class SetEnvAction : IRuleAction
{
    private string _name = "";
    private Macro _value = null!;

    public ActionKind Kind => ActionKind.NonDisruptive;

    public void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        var text = argument ?? throw new SecLangException("action 'setenv' needs an argument");
        var eq = text.IndexOf('=');
        _name = (eq < 0 ? text : text[..eq]).TrimStart('!');
        _value = Macro.Parse(eq < 0 ? "1" : text[(eq + 1)..]);
    }

    public void Execute(Rule rule, Transaction transaction)
    {
        transaction.EnvironmentVariables();
        transaction.Env[_name] = _value.Expand(transaction);
    }
}
