using Rempart.Caching.Http;

namespace Rempart.Caching.Semantics;

/// <summary>
/// The <c>Vary</c> of a response (RFC 9110 §12.5.5): field names in order without duplicates,
/// or <see cref="IsStar"/> when any member is <c>*</c> (then no later request matches).
/// </summary>
public sealed class VaryFields
{
    public static readonly VaryFields None = new([], false);

    private VaryFields(IReadOnlyList<string> names, bool isStar)
    {
        Names = names;
        IsStar = isStar;
    }

    public IReadOnlyList<string> Names { get; }

    public bool IsStar { get; }

    public static VaryFields Parse(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return None;
        }
        var names = new List<string>();
        foreach (var line in lines)
        {
            foreach (var member in line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (member == "*")
                {
                    return new VaryFields([], true);
                }
                if (!names.Contains(member, StringComparer.OrdinalIgnoreCase))
                {
                    names.Add(member);
                }
            }
        }
        return names.Count == 0 ? None : new VaryFields(names, false);
    }
}
