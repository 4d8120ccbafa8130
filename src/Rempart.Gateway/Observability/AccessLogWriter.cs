using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Rempart.Gateway.Observability;

/// <summary>
/// Writes <see cref="AccessLogEntry"/> lines as JSON off the request path: requests enqueue into a
/// bounded channel (a full queue drops and counts, never blocks), one background task serialises
/// and writes, rotating the file by size (access.log → access.log.1 …). Flushes whenever the queue
/// runs empty and on dispose, so a graceful shutdown loses no line.
/// </summary>
public sealed partial class AccessLogWriter : IAsyncDisposable
{
    private readonly Channel<AccessLogEntry> _queue;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger _logger;
    private readonly string? _path;
    private readonly long _maxSize;
    private readonly int _maxFiles;
    private readonly bool _stdout;
    private readonly Task _pump;
    private Stream? _stream;
    private long _written;

    public AccessLogWriter(string target, string dataDir, long maxSize, int maxFiles, int capacity, GatewayMetrics metrics, ILogger logger)
    {
        _metrics = metrics;
        _logger = logger;
        _maxSize = maxSize;
        _maxFiles = maxFiles;
        Enabled = !string.Equals(target, "off", StringComparison.OrdinalIgnoreCase);
        _stdout = string.Equals(target, "stdout", StringComparison.OrdinalIgnoreCase);
        if (Enabled && !_stdout)
        {
            _path = Path.IsPathRooted(target) ? target : Path.Combine(dataDir, target);
        }

        _queue = Channel.CreateBounded<AccessLogEntry>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _pump = Enabled ? Task.Run(PumpAsync) : Task.CompletedTask;
    }

    public bool Enabled { get; }

    public string? FilePath => _path;

    public void Write(AccessLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            _metrics.AccessLogDropped();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        await using var json = new Utf8JsonWriter(buffer);
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var entry))
                {
                    json.Reset(buffer);
                    Serialize(json, entry);
                    json.Flush();
                    buffer.Write("\n"u8);
                    if (buffer.WrittenCount > 48 * 1024 || (_path is not null && _written + buffer.WrittenCount >= _maxSize))
                    {
                        await WriteOutAsync(buffer).ConfigureAwait(false);
                    }
                }

                await WriteOutAsync(buffer).ConfigureAwait(false);
                if (_stream is not null)
                {
                    await _stream.FlushAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(_logger, _path ?? "stdout", e.Message);
        }
        finally
        {
            if (_stream is not null && !_stdout)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
            else if (_stream is not null)
            {
                await _stream.FlushAsync().ConfigureAwait(false);
            }
        }
    }

    private async ValueTask WriteOutAsync(System.Buffers.ArrayBufferWriter<byte> buffer)
    {
        if (buffer.WrittenCount == 0)
        {
            return;
        }

        var stream = OpenIfNeeded();
        await stream.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
        _written += buffer.WrittenCount;
        buffer.ResetWrittenCount();
        if (_path is not null && _written >= _maxSize)
        {
            await RotateAsync().ConfigureAwait(false);
        }
    }

    private Stream OpenIfNeeded()
    {
        if (_stream is not null)
        {
            return _stream;
        }

        if (_stdout)
        {
            return _stream = Console.OpenStandardOutput();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path!)!);
        var file = new FileStream(_path!, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        _written = file.Length;
        return _stream = file;
    }

    private async Task RotateAsync()
    {
        await _stream!.DisposeAsync().ConfigureAwait(false);
        _stream = null;
        for (var i = _maxFiles - 1; i >= 1; i--)
        {
            var from = $"{_path}.{i}";
            if (File.Exists(from))
            {
                File.Move(from, $"{_path}.{i + 1}", overwrite: true);
            }
        }

        File.Move(_path!, $"{_path}.1", overwrite: true);
        var excess = $"{_path}.{_maxFiles + 1}";
        if (File.Exists(excess))
        {
            File.Delete(excess);
        }
    }

    private static void Serialize(Utf8JsonWriter w, AccessLogEntry e)
    {
        w.WriteStartObject();
        w.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        w.WriteString("request_id", e.RequestId);
        w.WriteString("client_ip", e.ClientIp);
        w.WriteString("protocol", e.Protocol);
        w.WriteString("method", e.Method);
        w.WriteString("host", e.Host);
        w.WriteString("uri", e.Path);
        w.WriteString("query", e.Query);
        w.WriteNumber("status", e.Status);
        w.WriteNumber("bytes_in", e.BytesIn);
        w.WriteNumber("bytes_out", e.BytesOut);
        w.WriteNumber("duration_ms", Math.Round(e.DurationMs, 3));
        WriteNullable(w, "origin_ms", e.OriginMs is { } o ? Math.Round(o, 3) : null);
        WriteNullable(w, "route", e.Route);
        WriteNullable(w, "origin", e.Origin);
        WriteNullable(w, "target", e.Target);
        WriteNullable(w, "error", e.Error);
        WriteNullable(w, "user_agent", e.UserAgent);
        WriteNullable(w, "referer", e.Referer);
        WriteNullable(w, "cache_status", e.CacheStatus);
        WriteNullable(w, "waf_verdict", e.WafVerdict);
        WriteNullable(w, "waf_rule", e.WafRule);
        w.WriteStartArray("labels");
        foreach (var label in e.Labels ?? [])
        {
            w.WriteStringValue(label);
        }

        w.WriteEndArray();
        WriteNullable(w, "decision", e.Decision);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Access log writing to {Target} failed and stopped: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string target, string reason);
}
