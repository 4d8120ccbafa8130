namespace Rempart.Gateway.Configuration;

/// <summary>"Did you mean …" for misspelt keys and names: the closest candidate by edit distance, if close enough.</summary>
public static class Suggestions
{
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var d = Distance(input.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        var allowed = Math.Max(2, input.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    public static string DidYouMean(string input, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        var closest = Closest(input, list);
        if (closest is not null)
        {
            return $"did you mean '{closest}'?";
        }

        return list.Count == 0 ? "none are defined" : "expected one of: " + string.Join(", ", list);
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
