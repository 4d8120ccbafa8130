using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Rempart.Gateway.Observability;

namespace Rempart.Gateway.Tests.Observability;

public sealed class AccessLogWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task Lines_AreJson_WithEveryField_AndRotateBySize()
    {
        var metrics = new GatewayMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var writer = new AccessLogWriter("access.log", _dir, maxSize: 4096, maxFiles: 2, capacity: 10_000, metrics, NullLogger.Instance);
        for (var i = 0; i < 100; i++)
        {
            writer.Write(new AccessLogEntry { RequestId = $"req-{i}", ClientIp = "127.0.0.1", Method = "GET", Path = "/x", Status = 200, Labels = ["a:b"] });
        }

        await writer.DisposeAsync();

        var files = Directory.GetFiles(_dir).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["access.log", "access.log.1", "access.log.2"], files);
        Assert.All(Directory.GetFiles(_dir), f => Assert.True(new FileInfo(f).Length < 4096 + 1024, f));
        var last = File.ReadAllLines(Path.Combine(_dir, "access.log")).Last();
        using var doc = JsonDocument.Parse(last);
        Assert.Equal("req-99", doc.RootElement.GetProperty("request_id").GetString());
        foreach (var field in new[] { "time", "client_ip", "method", "host", "uri", "status", "bytes_out", "duration_ms", "cache_status", "waf_verdict", "waf_rule", "labels", "route", "origin" })
        {
            Assert.True(doc.RootElement.TryGetProperty(field, out _), field);
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
