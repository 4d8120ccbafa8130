using System.Globalization;

namespace Rempart.SecLang.Engine;

/// <summary>
/// One persistent-collection record opened by a transaction (<c>initcol</c>, <c>setsid</c>, <c>setuid</c>): its values
/// with ModSecurity's built-in fields, the variables whose <c>expirevar</c> time passed already removed, and what
/// it held when loaded, so that an untouched record is not written back.
/// </summary>
/// <remarks>
/// Built-in fields as ModSecurity v2 keeps them: KEY, CREATE_TIME and LAST_UPDATE_TIME (epoch seconds), TIMEOUT
/// (SecCollectionTimeout), UPDATE_COUNTER (writes so far) and IS_NEW (1 on the transaction that created the record,
/// never stored). <c>expirevar:ip.x=60</c> is stored as <c>__expire_x</c> holding the epoch second x expires at.
/// </remarks>
internal sealed class PersistentRecord
{
    internal const string ExpirePrefix = "__expire_";
    private readonly Dictionary<string, string> _loaded;

    public PersistentRecord(string key, Dictionary<string, string> stored, DateTimeOffset now, int timeoutSeconds)
    {
        Key = key;
        Values = stored;
        RemoveExpiredVariables(Values, now.ToUnixTimeSeconds());
        _loaded = new Dictionary<string, string>(Values, StringComparer.OrdinalIgnoreCase);
        var epoch = Int(now.ToUnixTimeSeconds());
        if (Values.Count == 0)
        {
            Values["CREATE_TIME"] = epoch;
            Values["UPDATE_COUNTER"] = "0";
            Values["IS_NEW"] = "1";
            Values["LAST_UPDATE_TIME"] = epoch;
        }

        Values["KEY"] = key;
        Values["TIMEOUT"] = Int(timeoutSeconds);
    }

    public string Key { get; }

    /// <summary>The values rules read and change (IP:x, SESSION:x, …).</summary>
    public Dictionary<string, string> Values { get; }

    /// <summary>
    /// The values to store when a rule changed the record since it was loaded (null when it did not): built-in
    /// fields updated, IS_NEW dropped.
    /// </summary>
    public CollectionUpdate? Changes(DateTimeOffset now)
    {
        if (!ChangedByRules())
        {
            return null;
        }

        var stored = new Dictionary<string, string>(Values, StringComparer.OrdinalIgnoreCase);
        stored.Remove("IS_NEW");
        stored["LAST_UPDATE_TIME"] = Int(now.ToUnixTimeSeconds());
        stored["UPDATE_COUNTER"] = Int((long.TryParse(stored.GetValueOrDefault("UPDATE_COUNTER"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0) + 1);
        return new CollectionUpdate(_loaded, stored);
    }

    private bool ChangedByRules()
    {
        foreach (var (name, value) in Values)
        {
            if (name is "IS_NEW" or "KEY" or "TIMEOUT" or "CREATE_TIME" or "UPDATE_COUNTER" or "LAST_UPDATE_TIME")
            {
                continue;
            }

            if (!_loaded.TryGetValue(name, out var before) || before != value)
            {
                return true;
            }
        }

        foreach (var name in _loaded.Keys)
        {
            if (!Values.ContainsKey(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops every variable whose <c>__expire_</c> time is at or before <paramref name="nowSeconds"/>, with its marker.</summary>
    internal static void RemoveExpiredVariables(Dictionary<string, string> values, long nowSeconds)
    {
        List<string>? expired = null;
        foreach (var (name, value) in values)
        {
            if (name.StartsWith(ExpirePrefix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var at) && at <= nowSeconds)
            {
                (expired ??= []).Add(name);
            }
        }

        if (expired is null)
        {
            return;
        }

        foreach (var marker in expired)
        {
            values.Remove(marker);
            values.Remove(marker[ExpirePrefix.Length..]);
        }
    }

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
