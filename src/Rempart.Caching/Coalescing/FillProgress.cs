using Microsoft.Win32.SafeHandles;

namespace Rempart.Caching.Coalescing;

/// <summary>
/// The body of a fill as it arrives, readable by the requests waiting on it. The fill publishes
/// how many bytes are readable: at first from its memory buffer, and once it spills, from its
/// entry file (flushed before each publication). Readers copy what is there and wait for more.
/// A fill that fails after the body started makes every reader throw, so a waiter's response is
/// cut off and never completed with wrong bytes.
/// </summary>
public sealed class FillProgress
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _memory;
    private string? _filePath;
    private long _fileOffset;
    private long _length;
    private int _state; // 0 filling, 1 complete, 2 failed

    /// <summary>The body length the origin declared, when it did.</summary>
    public long? DeclaredLength { get; init; }

    /// <summary>A reader gives up (IOException) when no byte arrives for this long; infinite by default.</summary>
    public TimeSpan IdleTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public long Length
    {
        get
        {
            lock (_lock)
            {
                return _length;
            }
        }
    }

    internal void PublishMemory(byte[] buffer, long length) => Publish(() =>
    {
        _memory = buffer;
        _length = length;
    });

    internal void PublishFile(string path, long offset, long length) => Publish(() =>
    {
        _filePath = path;
        _fileOffset = offset;
        _memory = null;
        _length = length;
    });

    /// <summary>The body is whole; <paramref name="finalPath"/> is where a spilled body now lives.</summary>
    internal void Complete(string? finalPath = null) => Publish(() =>
    {
        if (finalPath is not null)
        {
            _filePath = finalPath;
        }
        _state = 1;
    });

    internal void Fail() => Publish(() =>
    {
        if (_state == 0)
        {
            _state = 2;
        }
    });

    /// <summary>Copies the whole body to <paramref name="destination"/> as it arrives.</summary>
    public ValueTask CopyToAsync(Stream destination, CancellationToken cancellationToken) => CopyToAsync(destination, 0, -1, cancellationToken);

    /// <summary>
    /// Copies <paramref name="count"/> bytes from <paramref name="offset"/> (-1: to the end) as they
    /// arrive; throws if the fill fails or ends before the window is complete.
    /// </summary>
    public async ValueTask CopyToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
    {
        var position = offset;
        var end = count < 0 ? long.MaxValue : offset + count;
        SafeFileHandle? file = null;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                byte[]? memory;
                string? path;
                long fileOffset, length;
                int state;
                Task changed;
                lock (_lock)
                {
                    memory = _memory;
                    path = _filePath;
                    fileOffset = _fileOffset;
                    length = _length;
                    state = _state;
                    changed = _changed.Task;
                }
                if (state == 2)
                {
                    throw new IOException("the origin response being shared failed before it was complete");
                }
                if (position >= end)
                {
                    return;
                }
                if (position < length)
                {
                    var chunk = (int)Math.Min(buffer.Length, Math.Min(length, end) - position);
                    if (memory is not null)
                    {
                        await destination.WriteAsync(memory.AsMemory((int)position, chunk), cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        file ??= OpenFile(path);
                        var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, chunk), fileOffset + position, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            throw new IOException("the shared body file is shorter than published");
                        }
                        await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        chunk = read;
                    }
                    position += chunk;
                    continue;
                }
                if (state == 1)
                {
                    if (count >= 0 && position < end)
                    {
                        throw new IOException("the shared body ended before the requested range");
                    }
                    return;
                }
                try
                {
                    await changed.WaitAsync(IdleTimeout, Time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    throw new IOException($"the shared fill made no progress for {IdleTimeout}");
                }
            }
        }
        finally
        {
            file?.Dispose();
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SafeFileHandle OpenFile(string? path)
    {
        try
        {
            return File.OpenHandle(path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Renamed into place between the read of the path and the open: the final path is published.
            string? final;
            lock (_lock)
            {
                final = _filePath;
            }
            if (final == path)
            {
                throw;
            }
            return File.OpenHandle(final!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        }
    }

    private void Publish(Action update)
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            update();
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        previous.TrySetResult();
    }
}
