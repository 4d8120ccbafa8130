using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Variables;

/// <summary>
/// A variable or collection a rule can inspect (<c>ARGS</c>, <c>REQUEST_URI</c>, …). One instance is
/// registered per name; <see cref="Collect"/> appends the values that <paramref name="spec"/> selects.
/// </summary>
public interface IVariable
{
    /// <summary>The name in upper case, as in the registry.</summary>
    string Name { get; }

    /// <summary>True when the variable is a collection, so a key (<c>ARGS:foo</c>) makes sense.</summary>
    bool IsCollection { get; }

    /// <summary>Appends the values of this variable selected by <paramref name="spec"/>.</summary>
    void Collect(Transaction transaction, VariableSpec spec, List<MatchTarget> output);
}
