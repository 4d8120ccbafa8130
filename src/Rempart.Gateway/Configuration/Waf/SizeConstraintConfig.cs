namespace Rempart.Gateway.Configuration.Waf;

public sealed record SizeConstraintConfig
{
    [ConfigDoc("The part of the request to measure.")]
    [RequiredKey]
    public FieldToMatchConfig Field { get; init; } = new();

    [ConfigDoc("Transformations applied first, in order.")]
    public IReadOnlyList<TextTransformation> Transforms { get; init; } = [];

    [ConfigDoc("eq, ne, le, lt, ge or gt.")]
    [RequiredKey]
    public SizeComparison Comparison { get; init; }

    [ConfigDoc("Size in bytes (UTF-8) the field is compared with.")]
    [RequiredKey]
    public ByteSize Size { get; init; }
}
