using Rempart.Caching.Storage;

namespace Rempart.Caching;

/// <summary>A snapshot for <c>GET /api/v1/cache/stats</c> and the store gauges.</summary>
/// <param name="Memory">The memory tier, when there is one.</param>
/// <param name="Disk">The disk tier, when there is one.</param>
/// <param name="DiskWriteFailures">Writes the disk refused since start (full, gone, permissions).</param>
/// <param name="ActiveFills">Keys being filled from the origin right now.</param>
/// <param name="DiskFailing">The disk tier's last write failed (it is not storing until one succeeds).</param>
public sealed record CacheEngineStats(CacheStoreStats? Memory, CacheStoreStats? Disk, long DiskWriteFailures, int ActiveFills, bool DiskFailing = false);
