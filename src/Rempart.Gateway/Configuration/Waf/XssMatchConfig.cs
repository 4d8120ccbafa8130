namespace Rempart.Gateway.Configuration.Waf;

public sealed record XssMatchConfig
{
    [ConfigDoc("The part of the request to inspect.")]
    [RequiredKey]
    public FieldToMatchConfig Field { get; init; } = new();

    [ConfigDoc("Transformations applied first, in order.")]
    public IReadOnlyList<TextTransformation> Transforms { get; init; } = [];
}
