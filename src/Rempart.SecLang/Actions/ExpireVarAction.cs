using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary>
/// <c>expirevar:ip.counter=60</c> — the variable expires after N seconds. Recorded as <c>__expire_NAME</c>
/// (ModSecurity's spelling) in the persistent record, holding the epoch second it expires at; the engine drops it on load.
/// </summary>
internal sealed class ExpireVarAction : IRuleAction
{
    private string _collection = "";
    private Macro _key = null!;
    private Macro _seconds = null!;

    public ActionKind Kind => ActionKind.NonDisruptive;

    public void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        var text = argument ?? throw new SecLangException("action 'expirevar' needs an argument");
        var eq = text.IndexOf('=');
        var target = eq < 0 ? text : text[..eq];
        var dot = target.IndexOf('.');
        if (dot <= 0)
        {
            throw new SecLangException($"expirevar target '{target}' must be COLLECTION.name");
        }

        _collection = target[..dot].ToUpperInvariant();
        _key = Macro.Parse(target[(dot + 1)..]);
        _seconds = Macro.Parse(eq < 0 ? "0" : text[(eq + 1)..]);
    }

    public void Execute(Rule rule, Transaction transaction)
    {
        var collection = _collection == "TX" ? transaction.Tx : transaction.Persistent(_collection);
        if (collection is not null)
        {
            var expires = transaction.Clock.GetUtcNow().ToUnixTimeSeconds() + Operators.NumericComparison.Parse(_seconds.Expand(transaction));
            collection["__expire_" + _key.Expand(transaction)] = expires.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
