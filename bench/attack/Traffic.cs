using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rempart.AttackBench;

/// <summary>One request's result, as a client saw it.</summary>
internal readonly record struct Sample(DateTimeOffset At, int Status);

/// <summary>The bench's clients. Every loop stops at its deadline and at its request cap, whichever comes first.</summary>
internal static class Traffic
{
    /// <summary>A browsing client: <paramref name="perSecond"/> page views per second on a fixed schedule until cancelled (at most <paramref name="cap"/>).</summary>
    public static async Task BrowseAsync(HttpClient client, int perSecond, ConcurrentQueue<Sample> samples, int cap, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var inflight = new List<Task>();
        var random = new Random(client.GetHashCode());
        for (var i = 0; i < cap && !stop.IsCancellationRequested; i++)
        {
            var path = (i % 4) switch { 0 => "/", 1 => $"/product/{random.Next(1, 50)}", 2 => "/cart", _ => $"/search?q=item{random.Next(1, 20)}" };
            inflight.Add(OneAsync(client, path, samples));
            inflight.RemoveAll(t => t.IsCompleted);
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(inflight);
    }

    private static async Task OneAsync(HttpClient client, string path, ConcurrentQueue<Sample> samples)
    {
        var at = DateTimeOffset.UtcNow;
        try
        {
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            samples.Enqueue(new Sample(at, (int)response.StatusCode));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            samples.Enqueue(new Sample(at, 0));
        }
    }

    /// <summary>A flooding source: <paramref name="connections"/> request loops as fast as the gateway answers, until the deadline or the cap.</summary>
    public static async Task FloodAsync(HttpClient client, int connections, Func<int, string> path, AttackCounters counters, DateTimeOffset deadline, int cap)
    {
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (DateTimeOffset.UtcNow < deadline)
            {
                var n = Interlocked.Increment(ref sent);
                if (n > cap)
                {
                    return;
                }

                try
                {
                    using var response = await client.GetAsync(path(n));
                    await response.Content.ReadAsByteArrayAsync();
                    counters.Record(response);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref counters.Errors);
                }
            }
        }));
    }

    /// <summary>
    /// A slow client: opens a connection, sends the request line and then one header byte a
    /// second, and opens another when the gateway closes it — until the deadline.
    /// </summary>
    public static async Task SlowAsync(IPAddress source, IPEndPoint gateway, AttackCounters counters, DateTimeOffset deadline)
    {
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(gateway);
                Interlocked.Increment(ref counters.Sent);
                await socket.SendAsync(Encoding.ASCII.GetBytes("GET /slow HTTP/1.1\r\nHost: bench\r\nX-Slow: "));
                var buffer = new byte[1024];
                var read = socket.ReceiveAsync(buffer);
                while (DateTimeOffset.UtcNow < deadline)
                {
                    if (await Task.WhenAny(read, Task.Delay(1000)) == read)
                    {
                        // The gateway answered or closed the connection: the transport guard did its job.
                        counters.Closed(DateTimeOffset.UtcNow);
                        break;
                    }

                    await socket.SendAsync("a"u8.ToArray());
                }
            }
            catch (SocketException)
            {
                counters.Closed(DateTimeOffset.UtcNow);
                await Task.Delay(100);
            }
        }
    }
}

/// <summary>What the attack clients saw.</summary>
internal sealed class AttackCounters
{
    public long Sent;
    public long Ok;
    public long Mitigated;
    public long Refused;
    public long Errors;
    private long _firstMitigatedTicks;

    public DateTimeOffset? FirstMitigated => Interlocked.Read(ref _firstMitigatedTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public void Record(HttpResponseMessage response)
    {
        Interlocked.Increment(ref Sent);
        var status = (int)response.StatusCode;
        if (status == 200)
        {
            Interlocked.Increment(ref Ok);
        }
        else if (status is 403 or 429 || (status == 202 && response.Headers.Contains("X-Rempart-Challenge")))
        {
            Interlocked.Increment(ref Mitigated);
            Interlocked.CompareExchange(ref _firstMitigatedTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
        }
        else
        {
            Interlocked.Increment(ref Refused);
        }
    }

    public void Closed(DateTimeOffset at)
    {
        Interlocked.Increment(ref Mitigated);
        Interlocked.CompareExchange(ref _firstMitigatedTicks, at.UtcTicks, 0);
    }
}
