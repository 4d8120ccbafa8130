namespace Rempart.Gateway.Configuration.Waf;

public sealed record RegexSetMatchConfig
{
    [ConfigDoc("The part of the request to inspect.")]
    [RequiredKey]
    public FieldToMatchConfig Field { get; init; } = new();

    [ConfigDoc("Transformations applied first, in order.")]
    public IReadOnlyList<TextTransformation> Transforms { get; init; } = [];

    [ConfigDoc("Name of a set under regex_sets.")]
    [RequiredKey]
    public string Set { get; init; } = "";
}
