using System.Collections.Concurrent;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>
/// A compiled list of transformations. Every prefix of the list has a process-wide id (equal
/// prefixes share it), and the evaluation context caches the result of each prefix per value: rules
/// whose chains start alike — [decode_all], [decode_all, lowercase], [decode_all, cmd_line] — decode
/// a value once, then each applies only its own remaining steps.
/// </summary>
public sealed class TransformChain
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static int _lastId;
    private readonly Func<string, string>[] _steps;
    private readonly int[] _prefixIds;

    public TransformChain(IReadOnlyList<TextTransformation> transforms)
    {
        var effective = transforms.Where(t => t != TextTransformation.None).ToArray();
        _steps = effective.Select(t => TextTransformRegistry.Table[t]).ToArray();
        var names = effective.Select(t => ConfigNaming.ToSnakeCase(t.ToString())).ToArray();
        _prefixIds = Enumerable.Range(1, names.Length).Select(n => Ids.GetOrAdd(string.Join(",", names.Take(n)), _ => Interlocked.Increment(ref _lastId))).ToArray();
        Description = effective.Length == 0 ? "none" : string.Join(",", names);
        Id = _prefixIds.Length == 0 ? 0 : _prefixIds[^1];
    }

    public int Id { get; }

    public string Description { get; }

    public string Apply(string value, WafEvaluationContext context)
    {
        if (_steps.Length == 0)
        {
            return value;
        }

        // The longest prefix already computed for this value, then the rest, caching each step.
        var done = 0;
        var result = value;
        for (var k = _steps.Length; k > 0; k--)
        {
            if (context.TryGetTransformed(value, _prefixIds[k - 1], out var cached))
            {
                if (k == _steps.Length)
                {
                    return cached;
                }

                done = k;
                result = cached;
                break;
            }
        }

        for (var k = done; k < _steps.Length; k++)
        {
            context.Spend(result.Length);
            result = _steps[k](result);
            context.StoreTransformed(value, _prefixIds[k], result);
        }

        return result;
    }
}
