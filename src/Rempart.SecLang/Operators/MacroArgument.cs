using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary>An operator argument that may hold <c>%{...}</c> references: constant arguments are expanded once.</summary>
internal sealed class MacroArgument
{
    private readonly Macro _macro;
    private readonly string? _constant;

    public MacroArgument(string text)
    {
        _macro = Macro.Parse(text);
        _constant = _macro.IsConstant ? text : null;
    }

    public bool IsConstant => _constant is not null;

    public string Expand(Transaction tx) => _constant ?? _macro.Expand(tx);
}
