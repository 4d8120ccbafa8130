using System.Collections.Concurrent;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>
/// A compiled list of transformations. Equal lists share one id process-wide, so the evaluation
/// context caches "value after this chain" once for every rule that uses the same chain.
/// </summary>
public sealed class TransformChain
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private readonly Func<string, string>[] _steps;

    public TransformChain(IReadOnlyList<TextTransformation> transforms)
    {
        var effective = transforms.Where(t => t != TextTransformation.None).ToArray();
        _steps = effective.Select(t => TextTransformRegistry.Table[t]).ToArray();
        Description = effective.Length == 0 ? "none" : string.Join(",", effective.Select(t => ConfigNaming.ToSnakeCase(t.ToString())));
        Id = Ids.GetOrAdd(Description, _ => Ids.Count + 1);
    }

    public int Id { get; }

    public string Description { get; }

    public string Apply(string value, WafEvaluationContext context)
    {
        if (_steps.Length == 0)
        {
            return value;
        }

        if (context.TryGetTransformed(value, Id, out var cached))
        {
            return cached;
        }

        var result = value;
        foreach (var step in _steps)
        {
            context.Spend(result.Length);
            result = step(result);
        }

        context.StoreTransformed(value, Id, result);
        return result;
    }
}
