using System.Text;
using Rempart.SecLang.Parsing;
using Rempart.SecLang.Variables;

namespace Rempart.SecLang.Engine;

/// <summary>
/// A text with <c>%{VAR}</c> or <c>%{VAR.key}</c> references, compiled once when the rule loads and
/// expanded per transaction (msg, logdata, setvar, operator arguments).
/// </summary>
public sealed class Macro
{
    private readonly Part[] _parts;

    private Macro(string text, Part[] parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>True when the text holds no reference, so <see cref="Expand"/> always returns <see cref="Text"/>.</summary>
    public bool IsConstant => _parts.Length == 0 || (_parts.Length == 1 && _parts[0].Spec is null);

    /// <summary>Compiles <paramref name="text"/>; an unknown variable name is an error.</summary>
    public static Macro Parse(string text)
    {
        if (!text.Contains("%{", StringComparison.Ordinal))
        {
            return new Macro(text, text.Length == 0 ? [] : [new Part(text, null)]);
        }

        var parts = new List<Part>();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("%{", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start + 2);
            if (start < 0 || end < 0)
            {
                parts.Add(new Part(text[i..], null));
                break;
            }

            if (start > i)
            {
                parts.Add(new Part(text[i..start], null));
            }

            var reference = text[(start + 2)..end];
            var separator = reference.IndexOfAny(['.', ':']);
            var name = separator < 0 ? reference : reference[..separator];
            var key = separator < 0 ? null : reference[(separator + 1)..];
            var variable = VariableRegistry.Find(name) ?? throw new SecLangException($"unknown variable '{name}' in macro '%{{{reference}}}'");
            parts.Add(new Part(reference, new VariableSpec(variable, key, null, false, false)));
            i = end + 1;
        }

        return new Macro(text, [.. parts]);
    }

    /// <summary>Expands the references against <paramref name="transaction"/>; a missing value expands to the empty string.</summary>
    public string Expand(Transaction transaction)
    {
        if (_parts.Length == 0)
        {
            return "";
        }

        if (_parts.Length == 1)
        {
            return _parts[0].Spec is null ? _parts[0].Literal : Resolve(_parts[0].Spec!, transaction);
        }

        var sb = new StringBuilder();
        foreach (var part in _parts)
        {
            sb.Append(part.Spec is null ? part.Literal : Resolve(part.Spec, transaction));
        }

        return sb.ToString();
    }

    private static string Resolve(VariableSpec spec, Transaction transaction)
    {
        var values = transaction.RentTargetList();
        try
        {
            spec.Variable.Collect(transaction, spec, values);
            return values.Count == 0 ? "" : values[0].Value;
        }
        finally
        {
            transaction.ReturnTargetList(values);
        }
    }

    /// <summary>The text as written.</summary>
    public override string ToString() => Text;

    private sealed record Part(string Literal, VariableSpec? Spec);
}
