using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Configuration.Notifications;

namespace Rempart.Gateway.Notifications;

/// <summary>
/// Sends notifications to the channels of <c>notifications:</c>. <see cref="Notify"/> never blocks
/// and never throws: it puts the notification on each target channel's bounded queue and returns;
/// delivery, retries and failures happen on the channel's own loop. The channel set follows config
/// reloads: a changed channel gets a new worker, the old one drains what it had.
/// </summary>
public sealed class NotificationService : IAsyncDisposable
{
    private static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(5);

    private readonly Func<NotificationsConfig> _config;
    private readonly string _baseDirectory;
    private readonly TimeProvider _time;
    private readonly NotificationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly Dictionary<string, ChannelWorker> _workers = new(StringComparer.Ordinal);
    private readonly List<Task> _retiring = [];
    private readonly Lock _gate = new();
    private bool _stopped;

    public NotificationService(Func<NotificationsConfig> config, string baseDirectory, TimeProvider time, NotificationMetrics metrics, ILogger logger, HttpMessageHandler? handler = null)
    {
        _config = config;
        _baseDirectory = baseDirectory;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Queues <paramref name="notification"/> for its channels (those it names, or every channel
    /// whose kinds accept its kind). Returns false when no channel took it (none configured, unknown
    /// name, or full queues — each counted as dropped).
    /// </summary>
    public bool Notify(Notification notification)
    {
        var config = _config();
        var n = notification.Time is null ? notification with { Time = _time.GetUtcNow() } : notification;
        var accepted = false;
        foreach (var name in Targets(n, config))
        {
            if (!config.Channels.TryGetValue(name, out var channel))
            {
                _metrics.Count(name.Length <= 64 ? name : name[..64], "dropped");
                NotificationLog.Dropped(_logger, n.Kind, n.Id, name, "no such channel in notifications.channels");
                continue;
            }

            var worker = Worker(name, channel, config);
            if (worker is not null && worker.TryEnqueue(n))
            {
                accepted = true;
            }
            else
            {
                _metrics.Count(name, "dropped");
                NotificationLog.Dropped(_logger, n.Kind, n.Id, name, worker is null ? "shutting down" : "queue full");
            }
        }

        return accepted;
    }

    /// <summary>Same as <see cref="Notify"/>; the task completes at once (delivery is not awaited).</summary>
    public ValueTask<bool> NotifyAsync(Notification notification) => ValueTask.FromResult(Notify(notification));

    /// <summary>The channels that would take a notification of <paramref name="kind"/>.</summary>
    public IReadOnlyList<string> ChannelsFor(string kind) => Targets(new Notification(kind, ""), _config()).ToList();

    private static IEnumerable<string> Targets(Notification n, NotificationsConfig config) =>
        n.Channels ?? config.Channels.Where(c => c.Value.Kinds.Count == 0 || c.Value.Kinds.Contains(n.Kind, StringComparer.Ordinal)).Select(c => c.Key);

    private ChannelWorker? Worker(string name, NotificationChannelConfig channel, NotificationsConfig config)
    {
        var signature = JsonSerializer.Serialize(new { channel, config.Retry, config.QueueCapacity });
        lock (_gate)
        {
            if (_stopped)
            {
                return null;
            }

            if (_workers.TryGetValue(name, out var existing))
            {
                if (existing.Signature == signature)
                {
                    return existing;
                }

                _retiring.RemoveAll(t => t.IsCompleted);
                _retiring.Add(Retire(existing));
            }

            var sender = NotificationSenders.Create(channel, _baseDirectory, _http, _time);
            var worker = new ChannelWorker(name, signature, sender, config.QueueCapacity, config.Retry, _time, _metrics, _logger);
            _workers[name] = worker;
            return worker;
        }
    }

    private static async Task Retire(ChannelWorker worker)
    {
        await worker.StopAsync(DrainOnStop).ConfigureAwait(false);
        await worker.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        List<Task> stopping;
        lock (_gate)
        {
            _stopped = true;
            stopping = [.. _retiring, .. _workers.Values.Select(Retire)];
            _workers.Clear();
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
        _http.Dispose();
    }
}
