using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Notifications;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Notifications;

/// <summary>Webhook channels against a real HTTP receiver on loopback, through a running gateway's notification service.</summary>
public class WebhookNotificationTests
{
    private sealed record Delivery(string Body, IReadOnlyDictionary<string, string> Headers);

    private static async Task<(TestOrigin Receiver, ConcurrentQueue<Delivery> Got)> ReceiverAsync(Func<int, int>? statusForAttempt = null)
    {
        var receiver = await TestOrigin.StartAsync("receiver");
        var got = new ConcurrentQueue<Delivery>();
        var attempts = 0;
        receiver.Handler = async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            got.Enqueue(new Delivery(body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            context.Response.StatusCode = statusForAttempt?.Invoke(Interlocked.Increment(ref attempts)) ?? 204;
        };
        return (receiver, got);
    }

    private static string Config(string url, string extra = "", string channelExtra = "") => $$"""
        origins:
          app: { targets: ["http://127.0.0.1:9"] }
        routes:
          - match: { paths: ["/"] }
            origin: app
            web_acl: none
        notifications:
          retry: { attempts: 4, initial_backoff: 20ms, max_backoff: 100ms }
        {{extra}}
          channels:
            ops:
              kinds: [attack_started, attack_ended]
              webhook:
                url: "{{url}}"
        {{channelExtra}}
            other:
              kinds: [something_else]
              webhook: { url: "{{url}}other" }
        """;

    private static Notification Attack() => new("attack_started", "Attack on route shop")
    {
        Severity = NotificationSeverity.Critical,
        Text = "HTTP flood from few sources.",
        Fields = new Dictionary<string, string> { ["route"] = "shop", ["peak_rps"] = "12000", ["path"] = "/<script>" },
    };

    [Fact]
    public async Task Webhook_IsSignedJson_AndOnlyMatchingChannelsReceiveIt()
    {
        var env = "REMPART_TEST_WEBHOOK_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(env, "hook-secret-value");
        var (receiver, got) = await ReceiverAsync();
        await using var _ = receiver;
        await using var gateway = await TestGateway.StartAsync(Config(receiver.Url + "/hook", channelExtra: $"        secret_env: {env}\n        headers: {{ Authorization: \"Bearer abc\" }}"));

        Assert.True(gateway.Host.Notifications.Notify(Attack()));
        await Eventually.TrueAsync(() => !got.IsEmpty, "the receiver gets the notification");

        var delivery = Assert.Single(got);
        Assert.Equal("Bearer abc", delivery.Headers["Authorization"]);
        Assert.Equal("attack_started", delivery.Headers["X-Rempart-Event"]);
        var timestamp = delivery.Headers["X-Rempart-Timestamp"];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("hook-secret-value"), Encoding.UTF8.GetBytes(timestamp + "." + delivery.Body)));
        Assert.Equal(expected, delivery.Headers["X-Rempart-Signature"]);
        using var json = JsonDocument.Parse(delivery.Body);
        Assert.Equal("attack_started", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal("critical", json.RootElement.GetProperty("severity").GetString());
        Assert.Equal("12000", json.RootElement.GetProperty("fields").GetProperty("peak_rps").GetString());
        Assert.Equal(delivery.Headers["X-Rempart-Delivery"], json.RootElement.GetProperty("id").GetString());

        // A kind no channel takes goes nowhere; a named channel is used even if its kinds differ.
        Assert.False(gateway.Host.Notifications.Notify(new Notification("unrelated", "x")));
        Assert.True(gateway.Host.Notifications.Notify(new Notification("unrelated", "direct") { Channels = ["other"] }));
        await Eventually.TrueAsync(() => got.Count == 2, "the named channel gets it");
        Assert.Contains("direct", got.Last().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_TransientFailures_AreRetriedWithTheSameDeliveryId()
    {
        var (receiver, got) = await ReceiverAsync(attempt => attempt <= 2 ? 503 : 200);
        await using var _ = receiver;
        await using var gateway = await TestGateway.StartAsync(Config(receiver.Url + "/hook"));

        gateway.Host.Notifications.Notify(Attack());

        await Eventually.TrueAsync(async () => (await gateway.MetricsAsync()).Contains("rempart_notifications_total{channel=\"ops\",result=\"sent\"} 1", StringComparison.Ordinal), "delivered after retries");
        Assert.Equal(3, got.Count);
        Assert.Single(got.Select(d => d.Headers["X-Rempart-Delivery"]).Distinct());
        Assert.Contains("rempart_notifications_total{channel=\"ops\",result=\"retried\"} 2", await gateway.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_ClientError_IsNotRetried_AndIsLoggedWithoutTheUrl()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        var (receiver, got) = await ReceiverAsync(_ => 400);
        await using var _ = receiver;
        await using var gateway = await TestGateway.StartAsync(Config(receiver.Url + "/services/T000/B000/SECRETTOKEN"), loggerFactory: loggerFactory);

        gateway.Host.Notifications.Notify(Attack());

        await Eventually.TrueAsync(async () => (await gateway.MetricsAsync()).Contains("rempart_notifications_total{channel=\"ops\",result=\"failed\"} 1", StringComparison.Ordinal), "counted as failed");
        Assert.Single(got);
        Assert.Contains("answered 400", logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETTOKEN", logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackFormat_HasTextAndBlocks_WithEscapedValues()
    {
        var (receiver, got) = await ReceiverAsync();
        await using var _ = receiver;
        await using var gateway = await TestGateway.StartAsync(Config(receiver.Url + "/slack", channelExtra: "        format: slack"));

        gateway.Host.Notifications.Notify(Attack());
        await Eventually.TrueAsync(() => !got.IsEmpty, "the receiver gets the notification");

        using var json = JsonDocument.Parse(got.Single().Body);
        var text = json.RootElement.GetProperty("text").GetString()!;
        Assert.Contains("*Attack on route shop*", text, StringComparison.Ordinal);
        Assert.Contains("path: /&lt;script&gt;", text, StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("blocks").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task HangingReceiver_NeverBlocksTheCaller_OrTraffic_AndAFullQueueDrops()
    {
        var origin = await TestOrigin.StartAsync("app");
        await using var __ = origin;
        var release = new TaskCompletionSource();
        var (receiver, got) = await ReceiverAsync();
        await using var _ = receiver;
        var arrived = 0;
        receiver.Handler = async context =>
        {
            Interlocked.Increment(ref arrived);
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20));
            context.Response.StatusCode = 204;
        };
        var config = Config(receiver.Url + "/hook", extra: "  queue_capacity: 1").Replace("http://127.0.0.1:9", origin.Url, StringComparison.Ordinal);
        await using var gateway = await TestGateway.StartAsync(config);

        Assert.True(gateway.Host.Notifications.Notify(Attack()));
        await Eventually.TrueAsync(() => Volatile.Read(ref arrived) == 1, "the first delivery is in flight");
        Assert.True(gateway.Host.Notifications.Notify(Attack()));   // waits in the queue
        Assert.False(gateway.Host.Notifications.Notify(Attack()));  // queue full: dropped, not blocked

        var response = await gateway.Client.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("rempart_notifications_total{channel=\"ops\",result=\"dropped\"} 1", await gateway.MetricsAsync(), StringComparison.Ordinal);
        release.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref arrived) == 2, "the queued one goes out after");
    }

    [Fact]
    public async Task Reload_MovesAChangedChannel_AndDropsARemovedOne()
    {
        var (first, gotFirst) = await ReceiverAsync();
        await using var _ = first;
        var (second, gotSecond) = await ReceiverAsync();
        await using var __ = second;
        await using var gateway = await TestGateway.StartAsync(Config(first.Url + "/hook"));

        Assert.True(gateway.Host.Notifications.Notify(Attack()));
        await Eventually.TrueAsync(() => gotFirst.Count == 1, "the first receiver has it");

        // Same settings in a new generation: the channel keeps its worker and its receiver.
        await gateway.RewriteConfigAsync(Config(first.Url + "/hook") + "\n# touched\n");
        Assert.True((await gateway.Host.ReloadAsync()).Applied);
        Assert.True(gateway.Host.Notifications.Notify(Attack()));
        await Eventually.TrueAsync(() => gotFirst.Count == 2, "still the first receiver");

        await gateway.RewriteConfigAsync(Config(second.Url + "/hook"));
        Assert.True((await gateway.Host.ReloadAsync()).Applied);
        Assert.True(gateway.Host.Notifications.Notify(Attack()));
        await Eventually.TrueAsync(() => gotSecond.Count == 1, "the changed channel delivers to its new URL");

        // The channel renamed and narrowed: "ops" is gone, its worker retired.
        await gateway.RewriteConfigAsync(Config(second.Url + "/hook").Replace("ops:", "later:", StringComparison.Ordinal).Replace("[attack_started, attack_ended]", "[attack_ended]", StringComparison.Ordinal));
        Assert.True((await gateway.Host.ReloadAsync()).Applied);
        Assert.False(gateway.Host.Notifications.Notify(Attack()));
        Assert.False(gateway.Host.Notifications.Notify(Attack() with { Channels = ["ops"] }));
        Assert.Equal(2, gotFirst.Count);
        Assert.Single(gotSecond);
    }
}
