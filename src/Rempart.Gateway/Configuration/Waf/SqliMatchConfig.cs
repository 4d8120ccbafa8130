namespace Rempart.Gateway.Configuration.Waf;

public sealed record SqliMatchConfig
{
    [ConfigDoc("The part of the request to inspect.")]
    [RequiredKey]
    public FieldToMatchConfig Field { get; init; } = new();

    [ConfigDoc("Transformations applied first, in order.")]
    public IReadOnlyList<TextTransformation> Transforms { get; init; } = [];

    [ConfigDoc("low (fewer false positives) or high (catches more, as AWS's HIGH).")]
    public Sensitivity Sensitivity { get; init; } = Sensitivity.Low;
}
