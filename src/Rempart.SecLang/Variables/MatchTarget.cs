namespace Rempart.SecLang.Variables;

/// <summary>One value a rule inspects: the variable it came from, its key within the collection, and the value.</summary>
/// <param name="Variable">The variable name, e.g. <c>ARGS</c>.</param>
/// <param name="Key">The key within the collection, or null for a scalar variable.</param>
/// <param name="Value">The value (one byte per char).</param>
public readonly record struct MatchTarget(string Variable, string? Key, string Value)
{
    /// <summary>The name as ModSecurity prints it: <c>ARGS:foo</c>, or <c>REQUEST_URI</c>.</summary>
    public string FullName => Key is null ? Variable : string.Concat(Variable, ":", Key);
}
