using System.Runtime.CompilerServices;

namespace Rempart.SecLang.Engine;

/// <summary>Transformation results cached per transaction by (value instance, transformation-chain prefix).</summary>
public sealed partial class Transaction
{
    private readonly Dictionary<(string Value, int Prefix), string> _transformCache = new(ValuePrefixComparer.Instance);
    private int _allowThrough;

    /// <summary>Applies <paramref name="link"/>'s transformations to <paramref name="value"/>, reusing any cached prefix.</summary>
    internal string Transform(Rule link, string value)
    {
        var transformations = link.Transformations;
        if (transformations.Count == 0)
        {
            return value;
        }

        var prefixes = link.TransformationPrefixIds;
        var start = 0;
        var current = value;
        for (var i = transformations.Count - 1; i >= 0; i--)
        {
            if (_transformCache.TryGetValue((value, prefixes[i]), out var cached))
            {
                start = i + 1;
                current = cached;
                break;
            }
        }

        for (var i = start; i < transformations.Count; i++)
        {
            current = transformations[i].Transform(current);
            _transformCache[(value, prefixes[i])] = current;
        }

        return current;
    }

    /// <summary>True when an earlier <c>allow</c> covers <paramref name="phase"/>.</summary>
    internal bool AllowedPhases(int phase) => phase < 5 && phase <= _allowThrough;

    internal void Allow(AllowScope scope, int phase)
    {
        _allowThrough = scope switch
        {
            AllowScope.All => 4,
            AllowScope.Request => Math.Max(_allowThrough, 2),
            _ => _allowThrough,
        };
        _ = phase;
    }

    private sealed class ValuePrefixComparer : IEqualityComparer<(string Value, int Prefix)>
    {
        public static readonly ValuePrefixComparer Instance = new();

        public bool Equals((string Value, int Prefix) x, (string Value, int Prefix) y) => ReferenceEquals(x.Value, y.Value) && x.Prefix == y.Prefix;

        public int GetHashCode((string Value, int Prefix) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Value), obj.Prefix);
    }
}
