using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Actions;

/// <summary>
/// <c>initcol:ip=%{REMOTE_ADDR}</c> — opens a persistent collection (IP, GLOBAL, RESOURCE, SESSION, USER) for the
/// key; <c>setsid:</c>, <c>setuid:</c> and <c>setrsc:</c> are the same for SESSION, USER and RESOURCE.
/// </summary>
internal sealed class InitColAction(string? fixedCollection) : IRuleAction
{
    private string _collection = fixedCollection ?? "";
    private Macro _key = null!;

    public ActionKind Kind => ActionKind.NonDisruptive;

    public void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        var text = argument ?? throw new SecLangException("persistent-collection action needs an argument");
        if (fixedCollection is null)
        {
            var eq = text.IndexOf('=');
            if (eq <= 0)
            {
                throw new SecLangException($"initcol needs COLLECTION=key, got '{text}'");
            }

            _collection = text[..eq].ToUpperInvariant();
            if (_collection is not ("IP" or "GLOBAL" or "RESOURCE" or "SESSION" or "USER"))
            {
                throw new SecLangException($"initcol cannot open collection '{text[..eq]}'");
            }

            text = text[(eq + 1)..];
        }

        _key = Macro.Parse(text);
    }

    public void Execute(Rule rule, Transaction transaction) => transaction.OpenPersistent(_collection, _key.Expand(transaction));
}
