namespace Rempart.SecLang.Engine;

/// <summary>
/// Storage for the persistent collections (IP, SESSION, USER, GLOBAL, RESOURCE) opened with <c>initcol</c>,
/// <c>setsid</c> and <c>setuid</c>. The gateway backs it with its state store; the default keeps them in memory.
/// </summary>
public interface IPersistentCollectionStore
{
    /// <summary>A copy of the record <paramref name="collection"/>/<paramref name="key"/> (empty when absent or expired).</summary>
    Dictionary<string, string> Load(string collection, string key, DateTimeOffset now);

    /// <summary>Writes the record back; it expires <paramref name="timeout"/> after <paramref name="now"/>.</summary>
    void Store(string collection, string key, IReadOnlyDictionary<string, string> values, DateTimeOffset now, TimeSpan timeout);
}
