namespace Rempart.Gateway.Waf;

/// <summary>
/// One value a field produced. The name the explanation shows (e.g. <c>query_argument:id</c>) is
/// built only when asked for — on a match — so evaluating benign traffic allocates no names.
/// </summary>
public readonly record struct FieldValue(string Kind, string? Key, string Value, bool IsKey = false)
{
    public string Name => Key is null ? Kind : IsKey ? $"{Kind}:{Key}#key" : $"{Kind}:{Key}";
}
