using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// An event function written in any language: the event JSON is POSTed to <c>url</c>, signed so the
/// receiver can trust it — <c>X-Rempart-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))</c>
/// with <c>X-Rempart-Timestamp</c> (Unix seconds; receivers refuse old ones against replay) — and
/// the answer (2xx, JSON in <see cref="FunctionEffectsJson"/>'s shape, or empty) lists the effects.
/// A non-2xx status, a body over <see cref="MaxAnswerBytes"/>, garbage, or no answer within the
/// timeout is a failed attempt, retried and then dead-lettered like a JavaScript error.
/// </summary>
public sealed class HttpEventInvoker(Uri url, byte[] secret, TimeSpan timeout, TimeProvider time) : IEventFunctionInvoker
{
    public const int MaxAnswerBytes = 1024 * 1024;

    // One client for every HTTP function: pooled connections, no redirects (a redirect would carry the signed event elsewhere).
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public string Kind => "http";

    public Uri Url { get; } = url;

    public async Task<EventInvocation> InvokeAsync(EventDelivery delivery, EventInvocationState state, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var body = Encoding.UTF8.GetBytes(delivery.Json);
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Rempart", "1.0"));
            request.Headers.Add("X-Rempart-Event", delivery.EventType);
            request.Headers.Add("X-Rempart-Delivery", delivery.Id);
            request.Headers.Add("X-Rempart-Attempt", delivery.Attempt.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Rempart-Timestamp", timestamp);
            request.Headers.Add("X-Rempart-Signature", Gateway.Events.DeliverySignature.Header(secret, timestamp, body));

            using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed($"the endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}", started);
            }

            var answer = await ReadBoundedAsync(response, deadline.Token).ConfigureAwait(false);
            if (answer is null)
            {
                return Failed($"the answer is larger than {MaxAnswerBytes / 1024} KiB", started);
            }

            var logs = string.IsNullOrWhiteSpace(answer) || response.StatusCode == HttpStatusCode.NoContent
                ? []
                : FunctionEffectsJson.ReadAnswer(answer, state.Effects, state.Function, state.SetExists);
            return new EventInvocation(state.Effects.Capped ? new FunctionFailure(FunctionLimit.Effects, $"the answer listed more than {state.Effects.MaxEffects} decisions and IP-set changes (limits.max_effects)") : null,
                logs.Take(FunctionScope.MaxLogLines).ToList(), Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EventInvocation(new FunctionFailure(FunctionLimit.Time, $"the endpoint did not answer within {Configuration.Duration.Format(timeout)} (limits.timeout)"), [], Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return Failed($"the endpoint could not be reached: {e.Message}", started);
        }
        catch (FunctionEffectException e)
        {
            return Failed($"the endpoint's answer is unusable: {e.Message}", started);
        }
    }


    private static async Task<string?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static EventInvocation Failed(string message, long started) => new(new FunctionFailure(null, message), [], Stopwatch.GetElapsedTime(started));
}
