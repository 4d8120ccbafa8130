namespace Rempart.Gateway.Configuration.Cache;

public sealed record CacheMemoryConfig
{
    [ConfigDoc("Bytes the memory tier holds (bodies, headers and keys); least recently used entries go first.")]
    public ByteSize MaxSize { get; init; } = new(256L * 1024 * 1024);

    [ConfigDoc("Largest object kept in memory; larger ones go to the disk tier only (or are not stored without one).")]
    public ByteSize MaxObjectSize { get; init; } = new(8L * 1024 * 1024);
}
