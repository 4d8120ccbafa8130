using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Admin;
using Rempart.Gateway.Events;
using Rempart.Gateway.Shield.Detection;
using Rempart.Gateway.State;

namespace Rempart.Gateway.Shield;

/// <summary>
/// Persists attack events into the state store, off the request path, from the attack events on
/// the bus (start, mitigation change, progress every 10 s, end). At start-up it closes attack
/// events a previous run left open (a crash or a stop mid-attack), so none stays open forever.
/// </summary>
public sealed partial class AttackRecorder : IAsyncDisposable
{
    /// <summary>Version of the stored JSON; a record of another version is shown raw, never misread.</summary>
    public const int FormatVersion = 1;

    private readonly EventSubscription _subscription;
    private readonly Task _pump;

    private AttackRecorder(EventBus bus, IStateStore store, ILogger logger)
    {
        _subscription = bus.Subscribe("attack-recorder", e => e is AttackStartedEvent or AttackEndedEvent or AttackMitigationChangedEvent or AttackProgressEvent, capacity: 1_000);
        _pump = Task.Run(async () =>
        {
            await foreach (var e in _subscription.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                var report = e switch
                {
                    AttackStartedEvent s => s.Attack,
                    AttackEndedEvent s => s.Attack,
                    AttackMitigationChangedEvent s => s.Attack,
                    AttackProgressEvent s => s.Attack,
                    _ => null,
                };
                if (report is null)
                {
                    continue;
                }

                try
                {
                    await store.PutAttackAsync(ToRecord(report)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogStoreFailed(logger, report.Id, ex.Message);
                }
            }
        });
    }

    public static async Task<AttackRecorder> StartAsync(EventBus bus, IStateStore store, DateTimeOffset now, ILogger logger)
    {
        foreach (var left in (await store.ListAttacksAsync(1000).ConfigureAwait(false)).Where(a => a.EndedAt is null))
        {
            if (FromRecord(left) is { } report)
            {
                await store.PutAttackAsync(ToRecord(report with { EndedAt = now, Triggers = [.. report.Triggers, "closed at start-up: the previous run stopped during the attack"] })).ConfigureAwait(false);
            }
        }

        return new AttackRecorder(bus, store, logger);
    }

    public static AttackRecord ToRecord(AttackReport report) =>
        new(report.Id, report.Route, report.StartedAt, report.EndedAt, JsonSerializer.Serialize(new StoredAttack(FormatVersion, report), AdminJson.Options));

    public static AttackReport? FromRecord(AttackRecord record)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<StoredAttack>(record.Data, AdminJson.Options);
            return stored?.V == FormatVersion ? stored.Attack : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _pump.ConfigureAwait(false);
    }

    private sealed record StoredAttack(int V, AttackReport Attack);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Error, Message = "Could not store attack event {Id}: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string id, string reason);
}
