using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Variables;

/// <summary>
/// <c>XML</c> with the XPath subset CRS uses: <c>XML:/*</c> (and any element path) gives every text node,
/// <c>XML://@*</c> (any path ending in an attribute step) gives every attribute value. Only filled when the
/// XML body processor ran.
/// </summary>
internal sealed class XmlVariable : IVariable
{
    public string Name => "XML";

    public bool IsCollection => true;

    public void Collect(Transaction transaction, VariableSpec spec, List<MatchTarget> output)
    {
        if (!transaction.XmlParsed)
        {
            return;
        }

        var path = spec.Key ?? "/*";
        var source = path.Contains('@') ? transaction.XmlAttributes : transaction.XmlValues;
        foreach (var pair in source)
        {
            output.Add(new MatchTarget(Name, path, pair.Value));
        }
    }
}
