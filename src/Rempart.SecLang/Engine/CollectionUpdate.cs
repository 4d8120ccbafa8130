using System.Globalization;

namespace Rempart.SecLang.Engine;

/// <summary>
/// What a transaction writes back to one persistent record: the values it loaded and the values it
/// ends with. Concurrent transactions load the same record, so the store merges instead of
/// replacing: <see cref="ApplyTo"/> applies this transaction's changes to the record as it is now,
/// as ModSecurity v2 merges collections — a variable that moved between two integers adds its delta
/// to the current value (two parallel <c>setvar:ip.hits=+1</c> make +2, not +1: a per-IP counter
/// cannot be evaded by sending in parallel); any other change sets the value; a variable the
/// transaction deleted is deleted; what it did not touch keeps the current value.
/// </summary>
public sealed class CollectionUpdate(IReadOnlyDictionary<string, string> loaded, IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Loaded { get; } = loaded;

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    /// <summary>An update that sets <paramref name="values"/> as they are (nothing was loaded).</summary>
    public static CollectionUpdate Replace(IReadOnlyDictionary<string, string> values) =>
        new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), values);

    /// <summary>The record to store, given what it holds now (null: absent or expired).</summary>
    public Dictionary<string, string> ApplyTo(IReadOnlyDictionary<string, string>? current)
    {
        if (current is null)
        {
            return new Dictionary<string, string>(Values, StringComparer.OrdinalIgnoreCase);
        }

        var merged = new Dictionary<string, string>(current, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Values)
        {
            var had = Loaded.TryGetValue(name, out var before);
            if (had && before == value)
            {
                continue;
            }

            merged[name] = had && IsDelta(name) && Integer(before!) is { } from && Integer(value) is { } to
                && merged.TryGetValue(name, out var now) && Integer(now) is { } at
                ? (at + (to - from)).ToString(CultureInfo.InvariantCulture)
                : value;
        }

        foreach (var name in Loaded.Keys)
        {
            if (!Values.ContainsKey(name))
            {
                merged.Remove(name);
            }
        }

        return merged;
    }

    // Times and identities are absolute; counters (UPDATE_COUNTER and what rules count) move by deltas.
    private static bool IsDelta(string name) =>
        name is not ("KEY" or "TIMEOUT" or "CREATE_TIME" or "LAST_UPDATE_TIME" or "IS_NEW")
        && !name.StartsWith(PersistentRecord.ExpirePrefix, StringComparison.OrdinalIgnoreCase);

    private static long? Integer(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
