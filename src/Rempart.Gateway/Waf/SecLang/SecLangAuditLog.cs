using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>
/// A SecLang audit log file (SecAuditLog, JSON lines). Requests hand their entry to a bounded queue and never wait
/// for the disk; one writer task per file appends and flushes. When the queue is full (the disk cannot keep up)
/// entries are dropped and counted rather than slowing requests. One instance per file path in the process.
/// </summary>
public sealed class SecLangAuditLog
{
    private const int QueueCapacity = 10_000;
    private static readonly ConcurrentDictionary<string, SecLangAuditLog> Files = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;

    private SecLangAuditLog(string path)
    {
        Path = path;
        _ = Task.Run(WriteLoopAsync);
    }

    public string Path { get; }

    /// <summary>Entries lost because the queue was full or the file could not be written.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public static SecLangAuditLog For(string path) => Files.GetOrAdd(System.IO.Path.GetFullPath(path), p => new SecLangAuditLog(p));

    public void Write(string jsonLine)
    {
        if (!_queue.Writer.TryWrite(jsonLine))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                await using var file = new StreamWriter(new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete), bufferSize: 64 * 1024);
                while (reader.TryRead(out var line))
                {
                    await file.WriteLineAsync(line).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                while (reader.TryRead(out _))
                {
                    Interlocked.Increment(ref _dropped);
                }
            }
        }
    }
}
