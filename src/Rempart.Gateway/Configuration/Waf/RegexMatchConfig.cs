namespace Rempart.Gateway.Configuration.Waf;

public sealed record RegexMatchConfig
{
    [ConfigDoc("The part of the request to inspect.")]
    [RequiredKey]
    public FieldToMatchConfig Field { get; init; } = new();

    [ConfigDoc("Transformations applied first, in order.")]
    public IReadOnlyList<TextTransformation> Transforms { get; init; } = [];

    [ConfigDoc(".NET regular expression (run with a match timeout; a timeout counts as a match failure and is logged).")]
    [RequiredKey]
    public string Pattern { get; init; } = "";
}
