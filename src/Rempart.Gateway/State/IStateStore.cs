namespace Rempart.Gateway.State;

/// <summary>
/// Durable state of the gateway: decisions, IP-set entries, security events, SecLang persistent collections and the audit trail.
/// A write completes only once it is durable. The embedded implementation is SQLite in
/// <c>data_dir</c>; a cluster implementation (Redis) takes over the same contract.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    int SchemaVersion { get; }

    Task PutDecisionAsync(Decision decision, CancellationToken cancellationToken = default);

    Task<bool> DeleteDecisionAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Decision>> ListDecisionsAsync(DateTimeOffset now, bool includeExpired = false, CancellationToken cancellationToken = default);

    Task<int> DeleteExpiredDecisionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    Task PutIpSetEntryAsync(IpSetEntry entry, CancellationToken cancellationToken = default);

    Task<bool> DeleteIpSetEntryAsync(string setName, string cidr, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IpSetEntry>> ListIpSetEntriesAsync(string setName, CancellationToken cancellationToken = default);

    Task<long> AppendEventAsync(SecurityEventRecord record, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SecurityEventRecord>> ListEventsAsync(long afterId, int limit, string? type = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SecurityEventRecord>> FindEventsByRequestIdAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces an attack event (written at start, on changes, every few seconds and at the end).</summary>
    Task PutAttackAsync(AttackRecord attack, CancellationToken cancellationToken = default);

    /// <summary>Attack events, newest first.</summary>
    Task<IReadOnlyList<AttackRecord>> ListAttacksAsync(int limit, CancellationToken cancellationToken = default);

    Task<AttackRecord?> GetAttackAsync(string id, CancellationToken cancellationToken = default);

    Task PutSwitchAsync(string name, string value, DateTimeOffset time, CancellationToken cancellationToken = default);

    Task<string?> GetSwitchAsync(string name, CancellationToken cancellationToken = default);

    Task AppendAuditAsync(string actor, string action, string detail, DateTimeOffset time, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditRecord>> ListAuditAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces SecLang collection records in one transaction (the engine's writes, batched).</summary>
    Task PutCollectionRecordsAsync(IReadOnlyList<CollectionRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Unexpired collection records, the ones expiring last first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CollectionRecord>> ListCollectionRecordsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    Task<CollectionRecord?> GetCollectionRecordAsync(string collection, string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<int> DeleteExpiredCollectionRecordsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
