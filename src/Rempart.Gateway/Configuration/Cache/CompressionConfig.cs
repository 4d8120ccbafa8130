namespace Rempart.Gateway.Configuration.Cache;

public sealed record CompressionConfig
{
    [ConfigDoc("Compress at the edge: brotli or gzip (the client's preference, br first on a tie) when the client accepts it and the origin sent the body uncompressed.")]
    public bool Enabled { get; init; } = true;

    [ConfigDoc("Media types that are compressed (a trailing /* takes a whole family, e.g. text/*).")]
    public IReadOnlyList<string> Types { get; init; } =
    [
        "text/*", "application/json", "application/javascript", "application/xml", "application/xhtml+xml",
        "application/rss+xml", "application/atom+xml", "application/ld+json", "application/manifest+json",
        "application/wasm", "image/svg+xml", "font/ttf", "font/otf", "application/vnd.ms-fontobject",
    ];

    [ConfigDoc("Bodies smaller than this (by Content-Length) are sent as they are: compressing them saves nothing.")]
    public ByteSize MinSize { get; init; } = new(1024);

    [ConfigDoc("Bodies larger than this (by Content-Length) are sent as they are, to bound CPU per response.")]
    public ByteSize MaxSize { get; init; } = new(32L * 1024 * 1024);
}
