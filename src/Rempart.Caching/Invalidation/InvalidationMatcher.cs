namespace Rempart.Caching.Invalidation;

/// <summary>
/// Turns the paths of a <see cref="CacheInvalidation"/> into <see cref="TargetRange"/>s, which the
/// stores answer from their path index: <c>/img/*</c> is the prefix <c>/img/</c>; <c>/q?x=1</c> is that
/// target exactly; <c>/q</c> is the target <c>/q</c> and every query of it (the prefix <c>/q?</c>).
/// </summary>
public static class InvalidationMatcher
{
    public static IReadOnlyList<TargetRange> Ranges(CacheInvalidation invalidation)
    {
        var ranges = new List<TargetRange>();
        foreach (var path in invalidation.Paths)
        {
            if (path.EndsWith('*'))
            {
                ranges.Add(new TargetRange(path[..^1], Exact: false));
            }
            else if (path.Contains('?'))
            {
                ranges.Add(new TargetRange(path, Exact: true));
            }
            else
            {
                ranges.Add(new TargetRange(path, Exact: true));
                ranges.Add(new TargetRange(path + "?", Exact: false));
            }
        }
        return ranges;
    }
}
