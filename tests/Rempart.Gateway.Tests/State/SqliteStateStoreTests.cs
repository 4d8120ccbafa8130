using Microsoft.Data.Sqlite;
using Rempart.Gateway.State;

namespace Rempart.Gateway.Tests.State;

public sealed class SqliteStateStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private string DbPath => Path.Combine(_dir, "rempart.db");

    [Fact]
    public async Task Decisions_SurviveReopen_AndExpireOnTime()
    {
        await using (var store = await SqliteStateStore.OpenAsync(DbPath))
        {
            await store.PutDecisionAsync(new Decision("d1", "ip", "203.0.113.9", "ban", "scanner", "automation:scanners", T0, T0.AddHours(4)));
            await store.PutDecisionAsync(new Decision("d2", "cidr", "198.51.100.0/24", "challenge", "flood", "operator", T0, null));
        }

        await using var reopened = await SqliteStateStore.OpenAsync(DbPath);
        var active = await reopened.ListDecisionsAsync(T0.AddHours(1));
        Assert.Equal(["d1", "d2"], active.Select(d => d.Id));
        Assert.Equal(T0.AddHours(4), active[0].ExpiresAt);

        var later = await reopened.ListDecisionsAsync(T0.AddHours(5));
        Assert.Equal(["d2"], later.Select(d => d.Id));
        Assert.Equal(1, await reopened.DeleteExpiredDecisionsAsync(T0.AddHours(5)));
        Assert.Single(await reopened.ListDecisionsAsync(T0, includeExpired: true));
        Assert.True(await reopened.DeleteDecisionAsync("d2"));
        Assert.False(await reopened.DeleteDecisionAsync("d2"));
    }

    [Fact]
    public async Task Store_UsesWal_AndRecordsItsSchemaVersion()
    {
        await using (var store = await SqliteStateStore.OpenAsync(DbPath))
        {
            Assert.Equal(StateMigrations.Steps.Length, store.SchemaVersion);
        }

        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT version FROM schema_version;";
        Assert.Equal((long)StateMigrations.Steps.Length, (long?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task NewerSchema_IsRefusedNotMisread()
    {
        await using (await SqliteStateStore.OpenAsync(DbPath))
        {
        }

        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 99;";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteStateStore.OpenAsync(DbPath));
        Assert.Contains("newer than this Rempart knows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IpSetEntries_EventsAndAudit_RoundTrip()
    {
        await using var store = await SqliteStateStore.OpenAsync(DbPath);
        await store.PutIpSetEntryAsync(new IpSetEntry("blocklist", "192.0.2.0/24", "spamhaus-drop", T0, null));
        await store.PutIpSetEntryAsync(new IpSetEntry("blocklist", "2001:db8::/32", "operator", T0, T0.AddDays(1)));
        var first = await store.AppendEventAsync(new SecurityEventRecord(0, T0, "request_blocked", "req-1", "192.0.2.1", "web", "{\"rule\":\"sqli\"}"));
        var second = await store.AppendEventAsync(new SecurityEventRecord(0, T0, "attack_started", null, null, "web", "{}"));
        await store.AppendAuditAsync("admin-api", "decision.add", "ban 192.0.2.1 for 4h: scanner", T0);

        Assert.Equal(["192.0.2.0/24", "2001:db8::/32"], (await store.ListIpSetEntriesAsync("blocklist")).Select(e => e.Cidr));
        Assert.True(second > first);
        Assert.Equal(["attack_started"], (await store.ListEventsAsync(first, 10)).Select(e => e.Type));
        Assert.Equal("req-1", (await store.ListEventsAsync(0, 10, "request_blocked")).Single().RequestId);
        Assert.Equal("decision.add", (await store.ListAuditAsync(10)).Single().Action);
        Assert.True(await store.DeleteIpSetEntryAsync("blocklist", "192.0.2.0/24"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
