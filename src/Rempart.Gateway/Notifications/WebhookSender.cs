using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Rempart.Gateway.Configuration.Notifications;

namespace Rempart.Gateway.Notifications;

/// <summary>
/// POSTs a notification as JSON. With a secret, <c>X-Rempart-Signature: sha256=HEX</c> is the
/// HMAC-SHA256 of <c>TIMESTAMP.BODY</c> (timestamp from <c>X-Rempart-Timestamp</c>, Unix seconds),
/// so a receiver can check both origin and freshness. 408, 429 and 5xx answers and network errors
/// are retried; other 4xx answers are not (the request itself is wrong).
/// </summary>
internal sealed class WebhookSender(WebhookChannelConfig config, byte[]? secret, HttpClient http, TimeProvider time) : INotificationSender
{
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.Build(notification, config.Format);
        using var request = new HttpRequestMessage(HttpMethod.Post, config.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("User-Agent", "Rempart-Notifications");
        request.Headers.TryAddWithoutValidation("X-Rempart-Event", notification.Kind);
        request.Headers.TryAddWithoutValidation("X-Rempart-Delivery", notification.Id);
        request.Headers.TryAddWithoutValidation("X-Rempart-Timestamp", timestamp);
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Rempart-Signature", Events.DeliverySignature.Header(secret, timestamp, body));
        }

        foreach (var (name, value) in config.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(config.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException($"no answer within {config.Timeout.TotalSeconds:0.#}s", permanent: false);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationDeliveryException($"cannot reach the receiver: {e.HttpRequestError}", permanent: false, e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var transient = status is 408 or 429 || status >= 500;
            throw new NotificationDeliveryException($"the receiver answered {status} {response.ReasonPhrase}", permanent: !transient);
        }
    }

    public void Dispose()
    {
    }
}
