namespace Rempart.Caching.Storage;

/// <summary>
/// A store that can take a body as it streams in, straight into its final format, so that a large
/// fill never sits in memory (the disk tier).
/// </summary>
public interface ISpillableStore
{
    /// <summary>
    /// Starts writing an entry whose fields are those of <paramref name="template"/> (its body is
    /// ignored); null when the store cannot take one now (directory gone, disk full).
    /// </summary>
    SpillWriter? BeginSpill(CacheEntry template);
}
