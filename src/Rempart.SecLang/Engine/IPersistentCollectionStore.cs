namespace Rempart.SecLang.Engine;

/// <summary>
/// Storage for the persistent collections (IP, SESSION, USER, GLOBAL, RESOURCE) opened with <c>initcol</c>,
/// <c>setsid</c> and <c>setuid</c>. The gateway backs it with its state store; the default keeps them in memory.
/// </summary>
public interface IPersistentCollectionStore
{
    /// <summary>A copy of the record <paramref name="collection"/>/<paramref name="key"/> (empty when absent or expired).</summary>
    Dictionary<string, string> Load(string collection, string key, DateTimeOffset now);

    /// <summary>
    /// Writes the transaction's changes back, merged into the record as it is now
    /// (<see cref="CollectionUpdate.ApplyTo"/>, atomically per record); it expires <paramref name="timeout"/> after <paramref name="now"/>.
    /// </summary>
    void Store(string collection, string key, CollectionUpdate update, DateTimeOffset now, TimeSpan timeout);
}
