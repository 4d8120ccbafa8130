namespace Rempart.Gateway.Configuration.Cache;

public sealed record CacheDiskConfig
{
    [ConfigDoc("Folder of the disk tier; relative paths are relative to data_dir.")]
    public string Path { get; init; } = "cache";

    [ConfigDoc("Bytes the disk tier holds; least recently used entries go first.")]
    public ByteSize MaxSize { get; init; } = new(10L * 1024 * 1024 * 1024);

    [ConfigDoc("Largest object stored on disk.")]
    public ByteSize MaxObjectSize { get; init; } = new(1024L * 1024 * 1024);
}
