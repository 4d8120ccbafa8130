using Rempart.Caching.Storage;

namespace Rempart.Caching.Coalescing;

/// <summary>What a fill offers its waiters once the origin's headers are in and the response is being stored.</summary>
/// <param name="Template">The entry being stored: every field but the body.</param>
/// <param name="Progress">The body as it arrives.</param>
public sealed record FillShare(CacheEntry Template, FillProgress Progress);
