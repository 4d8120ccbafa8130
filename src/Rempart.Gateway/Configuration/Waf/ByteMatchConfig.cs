namespace Rempart.Gateway.Configuration.Waf;

public sealed record ByteMatchConfig
{
    [ConfigDoc("The part of the request to inspect.")]
    [RequiredKey]
    public FieldToMatchConfig Field { get; init; } = new();

    [ConfigDoc("Transformations applied first, in order.")]
    public IReadOnlyList<TextTransformation> Transforms { get; init; } = [];

    [ConfigDoc("The field equals this string.")]
    public string? Exactly { get; init; }

    [ConfigDoc("The field starts with this string.")]
    public string? StartsWith { get; init; }

    [ConfigDoc("The field ends with this string.")]
    public string? EndsWith { get; init; }

    [ConfigDoc("The field contains this string.")]
    public string? Contains { get; init; }

    [ConfigDoc("The field contains this string as a word (bounded by non-alphanumerics or the ends).")]
    public string? ContainsWord { get; init; }
}
