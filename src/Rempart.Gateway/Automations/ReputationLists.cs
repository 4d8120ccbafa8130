using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Automations;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Automations;

/// <summary>
/// The IP reputation lists automation. Each source is fetched at start and every <c>refresh</c>
/// (conditional GET: If-None-Match / If-Modified-Since; a file is read again when its time
/// changes), parsed and validated (<see cref="ReputationListParser"/>), saved under
/// <c>data_dir/reputation/</c> and swapped atomically into one <see cref="IpPrefixSet"/> that
/// Shield refuses. A source that fails or returns garbage keeps its last good list (also the one
/// saved on disk, so a restart without network still blocks) and raises
/// <see cref="ReputationListFailedEvent"/>. Reconfigured on every reload.
/// </summary>
public sealed partial class ReputationLists : IAsyncDisposable
{
    private const int MaxBodyBytes = 32 * 1024 * 1024;
    public const string AutomationName = "reputation_lists";

    private readonly GatewayState? _state;
    private readonly string _directory;
    private readonly EventBus? _events;
    private readonly AutomationMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    private readonly Dictionary<string, Source> _sources = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Waf.IpSets.RuntimeIpSets? _ipSets;
    private volatile IpPrefixSet? _blocking;
    private int _disposed;

    /// <summary>An inert instance (reputation lists off), for hosts that start without them.</summary>
    public ReputationLists()
    {
        _directory = "";
        _time = TimeProvider.System;
    }

    public ReputationLists(GatewayState state, string dataDirectory, EventBus events, AutomationMetrics metrics, TimeProvider time, ILogger logger, Waf.IpSets.RuntimeIpSets? ipSets = null)
    {
        _state = state;
        _ipSets = ipSets;
        _directory = Path.Combine(dataDirectory, "reputation");
        _events = events;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Rempart", "1.0"));
        _http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>The set Shield refuses, or null when lists are off or hold nothing yet.</summary>
    public IpPrefixSet? Blocking => _blocking;

    /// <summary>Per source: entries in force, last success, last problem.</summary>
    public IReadOnlyList<(string Name, int Entries, DateTimeOffset? Updated, string? Problem)> Status
    {
        get
        {
            lock (_gate)
            {
                return _sources.Values.Select(s => (s.Config.Name, s.Networks.Count, s.Updated, s.Problem)).ToList();
            }
        }
    }

    /// <summary>Follows the config in force: starts new sources, stops removed ones, restarts changed ones.</summary>
    public void Configure()
    {
        if (_state is null || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        var config = _state.Current.Automations.ReputationLists;
        var wanted = config.Enabled ? config.Sources.ToDictionary(s => s.Name, StringComparer.Ordinal) : [];
        var started = new List<Source>();
        lock (_gate)
        {
            foreach (var name in _sources.Keys.ToList())
            {
                if (!wanted.TryGetValue(name, out var c) || c != _sources[name].Config || config.Refresh != _sources[name].Refresh)
                {
                    _sources[name].Timer?.Dispose();
                    _sources.Remove(name);
                }
            }

            foreach (var (name, c) in wanted)
            {
                if (!_sources.ContainsKey(name))
                {
                    var source = new Source(c, config.Refresh);
                    LoadSaved(source);
                    _sources[name] = source;
                    started.Add(source);
                }
            }

            PublishLocked();
        }

        foreach (var source in started)
        {
            source.Timer = _time.CreateTimer(_ => _ = RefreshAsync(source), null, source.Refresh, source.Refresh);
            _ = Task.Run(() => RefreshAsync(source));
        }
    }

    /// <summary>Fetches every source now (tests, and an operator's reload).</summary>
    public async Task RefreshAllAsync()
    {
        List<Source> sources;
        lock (_gate)
        {
            sources = [.. _sources.Values];
        }

        foreach (var s in sources)
        {
            await RefreshAsync(s).ConfigureAwait(false);
        }
    }

    private async Task RefreshAsync(Source source)
    {
        if (!await source.Busy.WaitAsync(0).ConfigureAwait(false))
        {
            return; // a fetch of this source is already running
        }

        try
        {
            _metrics?.Evaluated(AutomationName);
            var (text, problem) = source.Config.Url is not null ? await DownloadAsync(source).ConfigureAwait(false) : ReadFile(source);
            if (problem is null && text is null)
            {
                return; // not modified
            }

            var policy = _state!.Current.Decisions;
            var parsed = problem is null ? ReputationListParser.Parse(source.Config.Format, text!, policy.MinPrefixV4, policy.MinPrefixV6) : ReputationParseResult.Failed(problem);
            var now = _time.GetUtcNow();
            if (!parsed.Ok)
            {
                Fail(source, parsed.Problem!, now);
                return;
            }

            lock (_gate)
            {
                source.Networks = parsed.Networks;
                source.Updated = now;
                source.Problem = null;
                if (_sources.TryGetValue(source.Config.Name, out var current) && ReferenceEquals(current, source))
                {
                    PublishLocked();
                }
            }

            Save(source);
            _events?.Publish(new ReputationListUpdatedEvent(now, source.Config.Name, parsed.Networks.Count, parsed.Invalid, parsed.TooBroad));
            LogUpdated(_logger!, source.Config.Name, parsed.Networks.Count, parsed.Invalid, parsed.TooBroad);
        }
        catch (Exception e) when (e is not OperationCanceledException || Volatile.Read(ref _disposed) == 0)
        {
            Fail(source, e.Message, _time.GetUtcNow());
        }
        finally
        {
            source.Busy.Release();
        }
    }

    private async Task<(string? Text, string? Problem)> DownloadAsync(Source source)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, source.Config.Url);
        if (source.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (source.LastModified is { } modified)
        {
            request.Headers.IfModifiedSince = modified;
        }

        using var cts = new CancellationTokenSource(source.Config.Timeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified && source.Networks.Count > 0)
        {
            return (null, null);
        }

        if (!response.IsSuccessStatusCode)
        {
            return (null, $"{source.Config.Url} answered {(int)response.StatusCode}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await body.ReadAsync(chunk, cts.Token).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
            {
                return (null, $"the list is larger than {MaxBodyBytes / 1024 / 1024} MiB");
            }

            buffer.Write(chunk, 0, n);
        }

        // Remembered now; Fail forgets them again if the body turns out to be garbage.
        source.ETag = response.Headers.ETag?.ToString();
        source.LastModified = response.Content.Headers.LastModified;
        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }

    private (string? Text, string? Problem) ReadFile(Source source)
    {
        var path = ConfigPaths.Resolve(_state!.Current.Automations.BaseDirectory, source.Config.File!);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, $"{path} does not exist");
        }

        if (info.Length > MaxBodyBytes)
        {
            return (null, $"{path} is larger than {MaxBodyBytes / 1024 / 1024} MiB");
        }

        if (source.LastModified == info.LastWriteTimeUtc && source.Networks.Count > 0)
        {
            return (null, null);
        }

        source.LastModified = info.LastWriteTimeUtc;
        return (File.ReadAllText(path), null);
    }

    private void Fail(Source source, string problem, DateTimeOffset now)
    {
        // A garbage answer must not be remembered as the version we have: ask for the whole list next time.
        source.ETag = null;
        source.LastModified = null;
        lock (_gate)
        {
            source.Problem = problem;
        }

        _metrics?.Failed(AutomationName);
        _events?.Publish(new ReputationListFailedEvent(now, source.Config.Name, problem, source.Networks.Count));
        LogFailed(_logger!, source.Config.Name, problem, source.Networks.Count);
    }

    /// <summary>
    /// One swap per change: the union goes to Shield (when <c>block</c>) and, with each source's own
    /// list, to the IP sets web ACL rules can name (<c>reputation_lists</c>, <c>reputation_lists.SOURCE</c>);
    /// a source no longer configured publishes nothing.
    /// </summary>
    private void PublishLocked()
    {
        var all = _sources.Values.SelectMany(s => s.Networks).ToList();
        var union = all.Count == 0 ? null : new IpPrefixSet(all);
        _blocking = _state?.Current.Automations.ReputationLists.Block == false ? null : union;
        if (_ipSets is not null)
        {
            _ipSets.Get(Waf.IpSets.RuntimeIpSets.ReputationSet).Publish(union);
            foreach (var name in _state?.Current.Automations.ReputationLists.Sources.Select(s => s.Name) ?? [])
            {
                _ipSets.Get(Waf.IpSets.RuntimeIpSets.ReputationSourceSet(name)).Publish(_sources.TryGetValue(name, out var s) && s.Networks.Count > 0 ? new IpPrefixSet(s.Networks) : null);
            }
        }
    }

    private string SavedPath(Source source) => Path.Combine(_directory, string.Concat(source.Config.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".cidr");

    private void Save(Source source)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            var path = SavedPath(source);
            var temp = path + ".tmp";
            File.WriteAllLines(temp, source.Networks.Select(n => n.ToString()));
            File.Move(temp, path, overwrite: true); // atomic: a crash leaves the old file or the new one
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(_logger!, source.Config.Name, e.Message);
        }
    }

    private void LoadSaved(Source source)
    {
        var path = SavedPath(source);
        if (!File.Exists(path))
        {
            return;
        }

        var parsed = ReputationListParser.Parse("cidr", File.ReadAllText(path), 1, 1);
        if (parsed.Ok)
        {
            source.Networks = parsed.Networks;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        List<Source> sources;
        lock (_gate)
        {
            sources = [.. _sources.Values];
            _sources.Clear();
        }

        foreach (var s in sources)
        {
            s.Timer?.Dispose();
            await s.Busy.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        _http.Dispose();
    }

    private sealed class Source(ReputationSourceConfig config, TimeSpan refresh)
    {
        public ReputationSourceConfig Config { get; } = config;

        public TimeSpan Refresh { get; } = refresh;

        public SemaphoreSlim Busy { get; } = new(1, 1);

        public ITimer? Timer { get; set; }

        public IReadOnlyList<IPNetwork> Networks { get; set; } = [];

        public DateTimeOffset? Updated { get; set; }

        public string? Problem { get; set; }

        public string? ETag { get; set; }

        public DateTimeOffset? LastModified { get; set; }
    }

    [LoggerMessage(EventId = 1611, Level = LogLevel.Information, Message = "Reputation list {List} updated: {Entries} entries ({Invalid} unreadable lines, {TooBroad} too broad dropped)")]
    private static partial void LogUpdated(ILogger logger, string list, int entries, int invalid, int tooBroad);

    [LoggerMessage(EventId = 1612, Level = LogLevel.Warning, Message = "Reputation list {List} not updated, its last good version ({Kept} entries) stays: {Problem}")]
    private static partial void LogFailed(ILogger logger, string list, string problem, int kept);

    [LoggerMessage(EventId = 1613, Level = LogLevel.Warning, Message = "Reputation list {List} could not be saved to data_dir: {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, string list, string reason);
}
