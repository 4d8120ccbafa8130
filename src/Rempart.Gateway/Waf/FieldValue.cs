namespace Rempart.Gateway.Waf;

/// <summary>One value a field produced, with the name the explanation shows (e.g. <c>query_argument:id</c>).</summary>
public readonly record struct FieldValue(string Name, string Value);
