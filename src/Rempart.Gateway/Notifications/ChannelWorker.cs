using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Configuration.Notifications;

namespace Rempart.Gateway.Notifications;

/// <summary>
/// One channel's bounded queue and the loop that delivers from it, in order, retrying with
/// exponential backoff on injected time. A slow or dead receiver only fills its own queue; once it
/// is full, new notifications for that channel are dropped and counted, and nothing else waits.
/// </summary>
internal sealed class ChannelWorker : IAsyncDisposable
{
    private readonly Channel<Notification> _queue;
    private readonly INotificationSender _sender;
    private readonly NotificationRetryConfig _retry;
    private readonly TimeProvider _time;
    private readonly NotificationMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ChannelWorker(string name, string signature, INotificationSender sender, int capacity, NotificationRetryConfig retry, TimeProvider time, NotificationMetrics metrics, ILogger logger)
    {
        Name = name;
        Signature = signature;
        _sender = sender;
        _retry = retry;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<Notification>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
        _loop = Task.Run(RunAsync);
    }

    public string Name { get; }

    /// <summary>The channel's settings this worker was built for; a reload that changes them gets a new worker.</summary>
    public string Signature { get; }

    /// <summary>False when the queue is full (Wait mode makes TryWrite refuse instead of silently dropping).</summary>
    public bool TryEnqueue(Notification notification) => _queue.Writer.TryWrite(notification);

    private async Task RunAsync()
    {
        try
        {
            await foreach (var n in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await DeliverAsync(n).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(Notification n)
    {
        var delay = _retry.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _sender.SendAsync(n, _stop.Token).ConfigureAwait(false);
                _metrics.Count(Name, "sent");
                NotificationLog.Sent(_logger, n.Kind, n.Id, Name);
                return;
            }
            catch (NotificationDeliveryException e) when (!e.Permanent && attempt < _retry.Attempts)
            {
                _metrics.Count(Name, "retried");
                NotificationLog.Retrying(_logger, n.Kind, n.Id, Name, attempt, _retry.Attempts, delay, e.Message);
            }
            catch (NotificationDeliveryException e)
            {
                _metrics.Count(Name, "failed");
                NotificationLog.Failed(_logger, n.Kind, n.Id, Name, attempt, e.Message);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A sender bug must not kill the channel's loop.
                _metrics.Count(Name, "failed");
                NotificationLog.Failed(_logger, n.Kind, n.Id, Name, attempt, e.GetType().Name);
                return;
            }

            await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _retry.MaxBackoff.Ticks));
        }
    }

    /// <summary>Lets queued notifications go out for up to <paramref name="drain"/>, then stops.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        _queue.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(drain)).ConfigureAwait(false) != _loop)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        while (_queue.Reader.TryRead(out var left))
        {
            _metrics.Count(Name, "dropped");
            NotificationLog.Dropped(_logger, left.Kind, left.Id, Name, "shutting down");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _sender.Dispose();
        _stop.Dispose();
    }
}
