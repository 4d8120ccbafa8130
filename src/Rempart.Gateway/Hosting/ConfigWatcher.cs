namespace Rempart.Gateway.Hosting;

/// <summary>
/// Watches the config file and calls back once things settle (editors write in several steps, or
/// replace the file by rename). Debounced so one save is one reload.
/// </summary>
internal sealed class ConfigWatcher : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;

    public ConfigWatcher(string path, Action onChange, TimeProvider time)
    {
        var full = Path.GetFullPath(path);
        _timer = time.CreateTimer(_ => onChange(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Poke();
        _watcher.Created += (_, _) => Poke();
        _watcher.Renamed += (_, _) => Poke();
        _watcher.EnableRaisingEvents = true;
    }

    private void Poke() => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }
}
