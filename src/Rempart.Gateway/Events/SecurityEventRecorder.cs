using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Admin;
using Rempart.Gateway.State;

namespace Rempart.Gateway.Events;

/// <summary>
/// Persists security events (blocked and challenged requests, and every <see cref="IPersistedEvent"/> such as decision changes) into the state store, off the
/// request path through its own bounded subscription, so `rempart explain` and the events API
/// can show them after the fact, across restarts. Drains what is queued on dispose.
/// </summary>
public sealed partial class SecurityEventRecorder : IAsyncDisposable
{
    private readonly EventSubscription _subscription;
    private readonly Task _pump;

    public SecurityEventRecorder(EventBus bus, IStateStore store, ILogger logger)
    {
        _subscription = bus.Subscribe("security-event-recorder", e => e is RequestBlockedEvent or IPersistedEvent, capacity: 10_000);
        _pump = Task.Run(async () =>
        {
            await foreach (var e in _subscription.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (e is IPersistedEvent persisted)
                {
                    await StoreAsync(store, logger, e, persisted).ConfigureAwait(false);
                    continue;
                }

                var blocked = (RequestBlockedEvent)e;
                try
                {
                    await store.AppendEventAsync(new SecurityEventRecord(0, blocked.Time, blocked.Type, blocked.RequestId, blocked.ClientIp.ToString(), blocked.Route,
                        JsonSerializer.Serialize(new
                        {
                            blocked.Type,
                            blocked.Time,
                            blocked.RequestId,
                            ClientIp = blocked.ClientIp.ToString(),
                            blocked.Method,
                            blocked.Host,
                            blocked.Uri,
                            blocked.Route,
                            blocked.WebAcl,
                            blocked.Action,
                            blocked.Rule,
                            blocked.Matches,
                            blocked.Labels,
                        }, AdminJson.Options))).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogStoreFailed(logger, blocked.RequestId, ex.Message);
                }
            }
        });
    }

    private static async Task StoreAsync(IStateStore store, ILogger logger, GatewayEvent e, IPersistedEvent persisted)
    {
        try
        {
            await store.AppendEventAsync(new SecurityEventRecord(0, e.Time, e.Type, null, persisted.Subject, null, JsonSerializer.Serialize(e, e.GetType(), AdminJson.Options))).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(logger, e.Type, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _pump.ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "Could not store the security event {What}: {Reason}")]
    private static partial void LogStoreFailed(ILogger logger, string what, string reason);
}
