using Microsoft.Data.Sqlite;

namespace Rempart.Gateway.State;

/// <summary>
/// The embedded <see cref="IStateStore"/>: one SQLite file in WAL mode with synchronous=FULL, so a
/// write is on disk when its task completes and survives a crash. One connection, one writer at a
/// time (SQLite's own rule), serialised by a semaphore; reads share it, which is plenty for state
/// that changes at human and automation speed, not per request.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteStateStore(SqliteConnection connection, int schemaVersion)
    {
        _connection = connection;
        SchemaVersion = schemaVersion;
    }

    public int SchemaVersion { get; }

    public string? Path => _connection.DataSource;

    public static async Task<SqliteStateStore> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;", cancellationToken).ConfigureAwait(false);
            var version = await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            return new SqliteStateStore(connection, version);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<int> MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", cancellationToken).ConfigureAwait(false);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (current > StateMigrations.Steps.Length)
        {
            throw new InvalidOperationException($"The state store {connection.DataSource} has schema version {current}, newer than this Rempart knows ({StateMigrations.Steps.Length}). Upgrade Rempart or point data_dir elsewhere.");
        }

        for (var v = current; v < StateMigrations.Steps.Length; v++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var step = connection.CreateCommand())
            {
                step.Transaction = tx;
                step.CommandText = StateMigrations.Steps[v] + $"\nDELETE FROM schema_version; INSERT INTO schema_version(version) VALUES ({v + 1});";
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return StateMigrations.Steps.Length;
    }

    public Task PutDecisionAsync(Decision d, CancellationToken cancellationToken = default) => WriteAsync(
        """
        INSERT INTO decisions(id, scope_type, scope, action, reason, source, created_at, expires_at)
        VALUES ($id, $scope_type, $scope, $action, $reason, $source, $created_at, $expires_at)
        ON CONFLICT(id) DO UPDATE SET scope_type=excluded.scope_type, scope=excluded.scope, action=excluded.action,
            reason=excluded.reason, source=excluded.source, created_at=excluded.created_at, expires_at=excluded.expires_at;
        """,
        cancellationToken,
        ("$id", d.Id), ("$scope_type", d.ScopeType), ("$scope", d.Scope), ("$action", d.Action), ("$reason", d.Reason),
        ("$source", d.Source), ("$created_at", d.CreatedAt.ToUnixTimeMilliseconds()), ("$expires_at", d.ExpiresAt?.ToUnixTimeMilliseconds()));

    public async Task<bool> DeleteDecisionAsync(string id, CancellationToken cancellationToken = default) =>
        await WriteAsync("DELETE FROM decisions WHERE id = $id;", cancellationToken, ("$id", id)).ConfigureAwait(false) > 0;

    public Task<IReadOnlyList<Decision>> ListDecisionsAsync(DateTimeOffset now, bool includeExpired = false, CancellationToken cancellationToken = default) => ReadAsync(
        includeExpired
            ? "SELECT id, scope_type, scope, action, reason, source, created_at, expires_at FROM decisions ORDER BY created_at, id;"
            : "SELECT id, scope_type, scope, action, reason, source, created_at, expires_at FROM decisions WHERE expires_at IS NULL OR expires_at > $now ORDER BY created_at, id;",
        r => new Decision(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)), r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7))),
        cancellationToken,
        ("$now", now.ToUnixTimeMilliseconds()));

    public Task<int> DeleteExpiredDecisionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync("DELETE FROM decisions WHERE expires_at IS NOT NULL AND expires_at <= $now;", cancellationToken, ("$now", now.ToUnixTimeMilliseconds()));

    public Task PutIpSetEntryAsync(IpSetEntry e, CancellationToken cancellationToken = default) => WriteAsync(
        """
        INSERT INTO ip_set_entries(set_name, cidr, source, added_at, expires_at) VALUES ($set, $cidr, $source, $added, $expires)
        ON CONFLICT(set_name, cidr) DO UPDATE SET source=excluded.source, added_at=excluded.added_at, expires_at=excluded.expires_at;
        """,
        cancellationToken,
        ("$set", e.SetName), ("$cidr", e.Cidr), ("$source", e.Source), ("$added", e.AddedAt.ToUnixTimeMilliseconds()), ("$expires", e.ExpiresAt?.ToUnixTimeMilliseconds()));

    public async Task<bool> DeleteIpSetEntryAsync(string setName, string cidr, CancellationToken cancellationToken = default) =>
        await WriteAsync("DELETE FROM ip_set_entries WHERE set_name = $set AND cidr = $cidr;", cancellationToken, ("$set", setName), ("$cidr", cidr)).ConfigureAwait(false) > 0;

    public Task<IReadOnlyList<IpSetEntry>> ListIpSetEntriesAsync(string setName, CancellationToken cancellationToken = default) => ReadAsync(
        "SELECT set_name, cidr, source, added_at, expires_at FROM ip_set_entries WHERE set_name = $set ORDER BY cidr;",
        r => new IpSetEntry(r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
            r.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))),
        cancellationToken,
        ("$set", setName));

    public async Task<long> AppendEventAsync(SecurityEventRecord e, CancellationToken cancellationToken = default)
    {
        var rows = await ReadAsync(
            "INSERT INTO security_events(time, type, request_id, client_ip, route, data) VALUES ($time, $type, $rid, $ip, $route, $data) RETURNING id;",
            r => r.GetInt64(0),
            cancellationToken,
            ("$time", e.Time.ToUnixTimeMilliseconds()), ("$type", e.Type), ("$rid", e.RequestId), ("$ip", e.ClientIp), ("$route", e.Route), ("$data", e.Data)).ConfigureAwait(false);
        return rows[0];
    }

    public Task<IReadOnlyList<SecurityEventRecord>> ListEventsAsync(long afterId, int limit, string? type = null, CancellationToken cancellationToken = default) => ReadAsync(
        "SELECT id, time, type, request_id, client_ip, route, data FROM security_events WHERE id > $after AND ($type IS NULL OR type = $type) ORDER BY id LIMIT $limit;",
        r => new SecurityEventRecord(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6)),
        cancellationToken,
        ("$after", afterId), ("$type", type), ("$limit", limit));

    public Task<IReadOnlyList<SecurityEventRecord>> FindEventsByRequestIdAsync(string requestId, CancellationToken cancellationToken = default) => ReadAsync(
        "SELECT id, time, type, request_id, client_ip, route, data FROM security_events WHERE request_id = $rid ORDER BY id LIMIT 100;",
        r => new SecurityEventRecord(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2),
            r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6)),
        cancellationToken,
        ("$rid", requestId));

    public Task PutAttackAsync(AttackRecord a, CancellationToken cancellationToken = default) => WriteAsync(
        """
        INSERT INTO attacks(id, route, started_at, ended_at, data) VALUES ($id, $route, $started, $ended, $data)
        ON CONFLICT(id) DO UPDATE SET route=excluded.route, started_at=excluded.started_at, ended_at=excluded.ended_at, data=excluded.data;
        """,
        cancellationToken,
        ("$id", a.Id), ("$route", a.Route), ("$started", a.StartedAt.ToUnixTimeMilliseconds()), ("$ended", a.EndedAt?.ToUnixTimeMilliseconds()), ("$data", a.Data));

    public Task<IReadOnlyList<AttackRecord>> ListAttacksAsync(int limit, CancellationToken cancellationToken = default) => ReadAsync(
        "SELECT id, route, started_at, ended_at, data FROM attacks ORDER BY started_at DESC, id DESC LIMIT $limit;",
        ReadAttack,
        cancellationToken,
        ("$limit", limit));

    public async Task<AttackRecord?> GetAttackAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT id, route, started_at, ended_at, data FROM attacks WHERE id = $id;", ReadAttack, cancellationToken, ("$id", id)).ConfigureAwait(false)).FirstOrDefault();

    private static AttackRecord ReadAttack(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
        r.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetString(4));

    public Task PutSwitchAsync(string name, string value, DateTimeOffset time, CancellationToken cancellationToken = default) => WriteAsync(
        "INSERT INTO shield_switches(name, value, updated_at) VALUES ($name, $value, $time) ON CONFLICT(name) DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at;",
        cancellationToken,
        ("$name", name), ("$value", value), ("$time", time.ToUnixTimeMilliseconds()));

    public async Task<string?> GetSwitchAsync(string name, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT value FROM shield_switches WHERE name = $name;", r => r.GetString(0), cancellationToken, ("$name", name)).ConfigureAwait(false)).FirstOrDefault();

    public Task AppendAuditAsync(string actor, string action, string detail, DateTimeOffset time, CancellationToken cancellationToken = default) => WriteAsync(
        "INSERT INTO audit_log(time, actor, action, detail) VALUES ($time, $actor, $action, $detail);",
        cancellationToken,
        ("$time", time.ToUnixTimeMilliseconds()), ("$actor", actor), ("$action", action), ("$detail", detail));

    public Task<IReadOnlyList<AuditRecord>> ListAuditAsync(int limit, CancellationToken cancellationToken = default) => ReadAsync(
        "SELECT id, time, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT $limit;",
        r => new AuditRecord(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4)),
        cancellationToken,
        ("$limit", limit));

    public async Task PutCollectionRecordsAsync(IReadOnlyList<CollectionRecord> records, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var tx = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(
                """
                INSERT INTO seclang_collections(collection, key, data, expires_at) VALUES ($collection, $key, $data, $expires)
                ON CONFLICT(collection, key) DO UPDATE SET data=excluded.data, expires_at=excluded.expires_at;
                """,
                [("$collection", ""), ("$key", ""), ("$data", ""), ("$expires", 0L)]);
            command.Transaction = tx;
            foreach (var record in records)
            {
                command.Parameters["$collection"].Value = record.Collection;
                command.Parameters["$key"].Value = record.Key;
                command.Parameters["$data"].Value = record.Values;
                command.Parameters["$expires"].Value = record.ExpiresAt.ToUnixTimeMilliseconds();
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<CollectionRecord>> ListCollectionRecordsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) => ReadAsync(
        "SELECT collection, key, data, expires_at FROM seclang_collections WHERE expires_at > $now ORDER BY expires_at DESC LIMIT $limit;",
        ReadCollectionRecord,
        cancellationToken,
        ("$now", now.ToUnixTimeMilliseconds()), ("$limit", limit));

    public async Task<CollectionRecord?> GetCollectionRecordAsync(string collection, string key, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await ReadAsync(
            "SELECT collection, key, data, expires_at FROM seclang_collections WHERE collection = $collection AND key = $key AND expires_at > $now;",
            ReadCollectionRecord,
            cancellationToken,
            ("$collection", collection), ("$key", key), ("$now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false)).FirstOrDefault();

    public Task<int> DeleteExpiredCollectionRecordsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync("DELETE FROM seclang_collections WHERE expires_at <= $now;", cancellationToken, ("$now", now.ToUnixTimeMilliseconds()));

    private static CollectionRecord ReadCollectionRecord(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)));

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            // Fold the WAL back into the main file so the folder holds one self-contained database.
            await ExecuteAsync(_connection, "PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None).ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = Command(sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = Command(sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(map(reader));
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
