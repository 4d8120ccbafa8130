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
    private Generation _generation = new(null, new Dictionary<string, ChannelWorker>());
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
        var workers = WorkersFor(config);
        var accepted = false;
        foreach (var name in Targets(n, config))
        {
            if (!config.Channels.ContainsKey(name))
            {
                _metrics.Count(name.Length <= 64 ? name : name[..64], "dropped");
                NotificationLog.Dropped(_logger, n.Kind, n.Id, name, "no such channel in notifications.channels");
                continue;
            }

            var worker = workers?.GetValueOrDefault(name);
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

    /// <summary>
    /// The workers of one config generation, built when a notification first meets it: a channel
    /// whose settings did not change keeps its worker (and its queue), a changed one gets a new
    /// worker, and the old one — or one whose channel is gone — drains what it had. The settings
    /// are compared once per generation, not per message. Null once stopped.
    /// </summary>
    private IReadOnlyDictionary<string, ChannelWorker>? WorkersFor(NotificationsConfig config)
    {
        var current = Volatile.Read(ref _generation);
        if (ReferenceEquals(current.Config, config))
        {
            return current.Workers;
        }

        lock (_gate)
        {
            if (_stopped)
            {
                return null;
            }

            // A caller holding an older config (a reload happened meanwhile) must not rebuild that
            // generation over the newer one: the workers follow the config in force.
            config = _config();
            current = _generation;
            if (ReferenceEquals(current.Config, config))
            {
                return current.Workers;
            }

            var workers = new Dictionary<string, ChannelWorker>(StringComparer.Ordinal);
            foreach (var (name, channel) in config.Channels)
            {
                var signature = JsonSerializer.Serialize(new { channel, config.Retry, config.QueueCapacity });
                workers[name] = current.Workers.TryGetValue(name, out var existing) && existing.Signature == signature
                    ? existing
                    : new ChannelWorker(name, signature, NotificationSenders.Create(channel, _baseDirectory, _http, _time), config.QueueCapacity, config.Retry, _time, _metrics, _logger);
            }

            _retiring.RemoveAll(t => t.IsCompleted);
            foreach (var (name, old) in current.Workers)
            {
                if (!workers.TryGetValue(name, out var kept) || kept != old)
                {
                    _retiring.Add(Retire(old));
                }
            }

            Volatile.Write(ref _generation, new Generation(config, workers));
            return workers;
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
            stopping = [.. _retiring, .. _generation.Workers.Values.Select(Retire)];
            _generation = new Generation(null, new Dictionary<string, ChannelWorker>());
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
        _http.Dispose();
    }

    /// <summary>A config snapshot and the channel workers built for it.</summary>
    private sealed record Generation(NotificationsConfig? Config, IReadOnlyDictionary<string, ChannelWorker> Workers);
}
