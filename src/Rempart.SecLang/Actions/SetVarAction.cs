using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Operators;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary>
/// <c>setvar:tx.name=value</c>, <c>=+N</c> (add), <c>=-N</c> (subtract), <c>!tx.name</c> (delete), <c>tx.name</c>
/// (set to 1). Collections: TX, IP, SESSION, USER, GLOBAL, RESOURCE; name and value may hold macros.
/// Example: <c>setvar:'tx.inbound_anomaly_score_pl1=+%{tx.critical_anomaly_score}'</c>.
/// </summary>
internal sealed class SetVarAction : IRuleAction
{
    private string _collection = "TX";
    private Macro _key = null!;
    private Macro? _value;
    private char _operation;

    public ActionKind Kind => ActionKind.NonDisruptive;

    public void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        var text = argument ?? throw new SecLangException("action 'setvar' needs an argument");
        var delete = text.StartsWith('!');
        if (delete)
        {
            text = text[1..];
        }

        var eq = text.IndexOf('=');
        var target = eq < 0 ? text : text[..eq];
        var dot = target.IndexOf('.');
        if (dot <= 0)
        {
            throw new SecLangException($"setvar target '{target}' must be COLLECTION.name");
        }

        _collection = target[..dot].ToUpperInvariant();
        if (_collection is not ("TX" or "IP" or "SESSION" or "USER" or "GLOBAL" or "RESOURCE"))
        {
            throw new SecLangException($"setvar cannot write collection '{target[..dot]}'");
        }

        _key = Macro.Parse(target[(dot + 1)..]);
        if (delete)
        {
            _operation = '!';
            return;
        }

        var value = eq < 0 ? "1" : text[(eq + 1)..];
        _operation = value.Length > 0 && value[0] is '+' or '-' ? value[0] : '=';
        _value = Macro.Parse(_operation == '=' ? value : value[1..]);
    }

    public void Execute(Rule rule, Transaction transaction)
    {
        var collection = _collection == "TX" ? transaction.Tx : transaction.Persistent(_collection);
        if (collection is null)
        {
            return;
        }

        var key = _key.Expand(transaction);
        switch (_operation)
        {
            case '!':
                collection.Remove(key);
                break;
            case '=':
                collection[key] = _value!.Expand(transaction);
                break;
            default:
                var current = collection.TryGetValue(key, out var existing) ? NumericComparison.Parse(existing) : 0;
                var delta = NumericComparison.Parse(_value!.Expand(transaction));
                collection[key] = (_operation == '+' ? current + delta : current - delta).ToString(CultureInfo.InvariantCulture);
                break;
        }
    }
}
