using Microsoft.AspNetCore.Http.Features;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rempart.Gateway.Admin;
using Rempart.Gateway.Cache;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;
using Rempart.Gateway.Notifications;
using Rempart.Gateway.Observability;
using Rempart.Gateway.Pipeline;
using Rempart.Gateway.Proxy;
using Rempart.Gateway.Shield;
using Rempart.Gateway.Shield.OriginProtection;
using Rempart.Gateway.Shield.Transport;
using Rempart.Gateway.State;
using Rempart.Gateway.Waf;
using Rempart.Gateway.Waf.Challenge;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Hosting;

/// <summary>
/// Composition root of one running gateway: loads and validates the config, opens the state store,
/// starts the admin listener and the gateway listeners, watches the config for hot reload, and stops
/// everything in order (drain requests → admin → access log → state). Start-up is all or nothing:
/// if any part fails, what already started is stopped and a <see cref="GatewayStartupException"/> says why.
/// </summary>
public sealed partial class GatewayHost : IAsyncDisposable
{
    private readonly GatewayHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly List<IAsyncDisposable> _ownedAsync = [];
    private readonly List<IDisposable> _owned = [];
    private WebApplication? _gateway;
    private WebApplication? _admin;
    private ConfigWatcher? _watcher;
    private int _stopped;

    static GatewayHost()
    {
        // One NonBacktracking size limit for the whole process, set before any regex is built: the native
        // WAF's conversions and CRS's patterns then go linear by the same rule, whichever compiles first
        // (left to the SecLang engine, the limit rose only once a CRS type was first touched).
        if (AppContext.GetData(Rempart.SecLang.Engine.AdaptiveRegex.MaxAutomataSizeSwitch) is null)
        {
            AppContext.SetData(Rempart.SecLang.Engine.AdaptiveRegex.MaxAutomataSizeSwitch, Rempart.SecLang.Engine.AdaptiveRegex.MaxAutomataSize);
        }
    }

    private GatewayHost(GatewayHostOptions options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Rempart.Host");
    }

    public GatewayState State { get; private set; } = null!;

    public GatewayMetrics Metrics { get; private set; } = null!;

    public PrometheusExporter Exporter { get; private set; } = null!;

    public EventBus Events { get; private set; } = null!;

    public OriginRegistry Origins { get; private set; } = null!;

    public IStateStore Store { get; private set; } = null!;

    /// <summary>SecLang IP/SESSION/USER/GLOBAL collections, written to <see cref="Store"/> off the request path.</summary>
    public Waf.SecLang.SecLangCollections SecLangCollections { get; private set; } = null!;

    public AdminToken? AdminToken { get; private set; }

    public string DataDirectory { get; private set; } = "";

    public string? ConfigPath => _options.ConfigPath;

    public DemoOrigin? Demo { get; private set; }

    public AccessLogWriter AccessLog { get; private set; } = null!;

    public RateCounterStore Rates { get; private set; } = null!;

    /// <summary>Entries added to the named IP sets at run time (event functions, admin API), kept across reloads and restarts.</summary>
    public Waf.IpSets.RuntimeIpSets IpSets { get; private set; } = null!;

    public WafMetrics WafMetrics { get; private set; } = null!;

    public Functions.FunctionMetrics FunctionMetrics { get; private set; } = null!;

    public WafSampler Samples { get; } = new();

    public ChallengeService Challenges { get; private set; } = null!;

    public ShieldMetrics ShieldMetrics { get; private set; } = null!;

    public TransportGuard Transport { get; private set; } = null!;

    public OriginProtectionState OriginProtection { get; private set; } = null!;

    /// <summary>Alerts to the channels of notifications: (webhook, email); never blocks the caller.</summary>
    public NotificationService Notifications { get; private set; } = null!;
    public EdgeCache Cache { get; private set; } = null!;

    public AttackShield Attacks { get; private set; } = null!;

    public IReadOnlyList<Uri> GatewayAddresses { get; private set; } = [];

    public Uri? AdminAddress { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public static async Task<GatewayHost> StartAsync(GatewayHostOptions options, CancellationToken cancellationToken = default)
    {
        var host = new GatewayHost(options, options.LoggerFactory ?? NullLoggerFactory.Instance);
        try
        {
            await host.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var time = _options.Time;
        StartedAt = time.GetUtcNow();

        // 1. Config: the file, or the embedded default in front of the demo origin.
        ConfigLoadResult loaded;
        if (_options.ConfigPath is null)
        {
            Demo = await DemoOrigin.StartAsync(cancellationToken).ConfigureAwait(false);
            var text = Transform(EmbeddedDefaultConfig.Text(Demo.Address));
            loaded = ConfigLoader.LoadText(text, EmbeddedDefaultConfig.FileName, Directory.GetCurrentDirectory());
        }
        else
        {
            loaded = LoadFile();
        }

        if (!loaded.IsValid)
        {
            throw new GatewayStartupException($"the config has {loaded.Errors.Count} error(s)", loaded.Errors);
        }

        var config = loaded.Config!;
        DataDirectory = ConfigPaths.Resolve(loaded.BaseDirectory, config.DataDir);
        try
        {
            Directory.CreateDirectory(DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatewayStartupException($"cannot create data_dir {DataDirectory}: {e.Message} Fix: choose a folder Rempart can write to.", inner: e);
        }

        // 2. Observability, events, origins and the first model.
        var metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _owned.Add(metricsServices);
        var meterFactory = metricsServices.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        Exporter = new PrometheusExporter(meterFactory);
        _owned.Add(Exporter);
        Metrics = new GatewayMetrics(meterFactory);
        Events = new EventBus(Metrics, config.Logs.EventQueueCapacity);
        Origins = new OriginRegistry(time, Events, _loggerFactory);
        _owned.Add(Origins);
        Rates = new RateCounterStore(time);
        WafMetrics = new WafMetrics(Metrics.Meter);
        FunctionMetrics = new Functions.FunctionMetrics(Metrics.Meter);
        IpSets = new Waf.IpSets.RuntimeIpSets(time); // disposed with the automations, before the store
        State = new GatewayState(GatewayModelCompiler.Compile(loaded, Origins, Rates, 1, time.GetUtcNow(), IpSets, time));
        Challenges = ChallengeService.Create(DataDirectory, time);
        ShieldMetrics = new ShieldMetrics(Metrics.Meter);
        Transport = new TransportGuard(State, ShieldMetrics, Events, time);
        _owned.Add(Transport);
        OriginProtection = new OriginProtectionState(time, ShieldMetrics);
        Notifications = new NotificationService(() => State.Current.Config.Notifications, loaded.BaseDirectory, time, new NotificationMetrics(Metrics.Meter), _loggerFactory.CreateLogger("Rempart.Notifications"));
        _ownedAsync.Add(Notifications);
        RegisterOriginGauges();
        Cache = OpenCache(config);

        // 3. State store.
        try
        {
            Store = await SqliteStateStore.OpenAsync(Path.Combine(DataDirectory, "rempart.db"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new GatewayStartupException($"cannot open the state store in {DataDirectory}: {e.Message} Fix: check that data_dir is writable and not used by another Rempart of a newer version.", inner: e);
        }

        _ownedAsync.Add(Store);
        SecLangCollections = await Waf.SecLang.SecLangCollections.StartAsync(Store, time, Metrics.Meter, _loggerFactory.CreateLogger("Rempart.SecLang"), cancellationToken: cancellationToken).ConfigureAwait(false);
        _ownedAsync.Add(SecLangCollections);
        _ownedAsync.Add(new SecurityEventRecorder(Events, Store, _loggerFactory.CreateLogger("Rempart.Events")));
        await StartAutomationsAsync(cancellationToken).ConfigureAwait(false);
        _ownedAsync.Add(await AttackRecorder.StartAsync(Events, Store, time.GetUtcNow(), _loggerFactory.CreateLogger("Rempart.Attacks")).ConfigureAwait(false));
        Attacks = await AttackShield.StartAsync(State, Events, Metrics.Meter, Store, time, _loggerFactory.CreateLogger("Rempart.Attacks")).ConfigureAwait(false);
        _ownedAsync.Add(Attacks);
        _ownedAsync.Add(new AttackNotifier(Events, Notifications));

        // 4. Access log.
        var access = config.Logs.Access;
        AccessLog = new AccessLogWriter(access.Target, DataDirectory, access.MaxSize.Bytes, access.MaxFiles, access.QueueCapacity, Metrics, _loggerFactory.CreateLogger("Rempart.AccessLog"));

        // 5. Listeners: admin first, so the gateway never serves without its control plane.
        if (config.Admin.Enabled)
        {
            AdminToken = AdminToken.Load(ConfigPaths.Resolve(DataDirectory, config.Admin.TokenFile ?? "admin.token"));
            _admin = BuildAdmin(config);
            AdminAddress = (await StartListenerAsync(_admin, "admin", [config.Admin.Listen], cancellationToken).ConfigureAwait(false))[0];
        }

        _gateway = BuildGateway(config, loaded.BaseDirectory);
        GatewayAddresses = await StartListenerAsync(_gateway, "gateway", config.Listen, cancellationToken).ConfigureAwait(false);

        // 6. Hot reload.
        if (_options.ConfigPath is not null && _options.WatchConfig)
        {
            _watcher = new ConfigWatcher(_options.ConfigPath, () => _ = ReloadAsync(), time);
        }

        LogStarted(_logger, string.Join(", ", GatewayAddresses), AdminAddress?.ToString() ?? "off", State.Current.Hash);
    }

    private ConfigLoadResult LoadFile()
    {
        var loaded = ConfigLoader.LoadFile(_options.ConfigPath!);
        return _options.TransformConfigText is null || !loaded.IsValid
            ? loaded
            : ConfigLoader.LoadText(Transform(loaded.Text), _options.ConfigPath!, loaded.BaseDirectory);
    }

    private string Transform(string text) => _options.TransformConfigText?.Invoke(text) ?? text;

    /// <summary>Loads the config file again and swaps it in if valid; an invalid file leaves the running config untouched.</summary>
    public async Task<ReloadOutcome> ReloadAsync()
    {
        if (_options.ConfigPath is null)
        {
            return new ReloadOutcome(false, true, State.Current.Generation, ["the embedded default config has no file to reload"], []);
        }

        await _reloadGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var now = _options.Time.GetUtcNow();
            var loaded = LoadFile();
            var current = State.Current;
            if (!loaded.IsValid)
            {
                var errors = loaded.Errors.Select(e => e.ToString()).ToList();
                State.RecordFailure(now, errors);
                Metrics.Reload(ok: false);
                foreach (var error in errors)
                {
                    LogReloadRejected(_logger, error);
                }

                Events.Publish(new ConfigReloadFailedEvent(now, errors));
                return new ReloadOutcome(false, false, current.Generation, errors, []);
            }

            if (loaded.Hash == current.Hash)
            {
                return new ReloadOutcome(false, true, current.Generation, [], []);
            }

            var warnings = RestartOnlyChanges(current.Config, loaded.Config!);
            var next = GatewayModelCompiler.Compile(loaded, Origins, Rates, current.Generation + 1, now, IpSets, _options.Time);
            State.Swap(next, warnings);
            Metrics.Reload(ok: true);
            foreach (var warning in warnings)
            {
                LogReloadWarning(_logger, warning);
            }

            LogReloaded(_logger, next.Generation, next.Hash);
            Events.Publish(new ConfigReloadedEvent(now, next.Generation, next.Hash));
            await ReloadAutomationsAsync().ConfigureAwait(false);
            return new ReloadOutcome(true, false, next.Generation, [], warnings);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private static List<string> RestartOnlyChanges(GatewayConfig before, GatewayConfig after)
    {
        var warnings = new List<string>();
        static string J(object? o) => System.Text.Json.JsonSerializer.Serialize(o);
        if (J(before.Listen) != J(after.Listen)) warnings.Add("listen changed: new listeners take effect after a restart");
        if (J(before.Tls) != J(after.Tls)) warnings.Add("tls changed: certificates take effect after a restart");
        if (J(before.Admin) != J(after.Admin)) warnings.Add("admin changed: takes effect after a restart");
        if (before.DataDir != after.DataDir) warnings.Add("data_dir changed: takes effect after a restart");
        if (J(before.Logs) != J(after.Logs)) warnings.Add("logs changed: take effect after a restart");
        if (J(before.Shield.Transport with { MaxConnections = 0, MaxConnectionsPerIp = 0, MaxTrackedIps = 0, MaxBodySize = default })
            != J(after.Shield.Transport with { MaxConnections = 0, MaxConnectionsPerIp = 0, MaxTrackedIps = 0, MaxBodySize = default }))
        {
            warnings.Add("shield.transport changed: Kestrel's limits take effect after a restart (connection caps and max_body_size apply now)");
        }
        if (EdgeCache.RestartOnlyChange(before.Cache, after.Cache) is { } cache) warnings.Add(cache);
        return warnings;
    }

    private WebApplication BuildGateway(GatewayConfig config, string baseDirectory)
    {
        var builder = NewBuilder();
        var certificates = config.Tls is { Certificates.Count: > 0 } tls ? new CertificateSelector(tls, baseDirectory) : null;
        if (certificates is not null)
        {
            _owned.Add(certificates);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Transport.ConfigureServer(kestrel, config.Shield.Transport);
            foreach (var listen in config.Listen)
            {
                ListenAddress.TryParse(listen, out var address, out _);
                kestrel.Listen(address!.Address, address.Port, endpoint =>
                {
                    Transport.ConfigureListener(endpoint);
                    // HTTP/2 is negotiated by ALPN, so it needs TLS; cleartext listeners speak HTTP/1.1.
                    endpoint.Protocols = address.Https ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                    if (address.Https)
                    {
                        endpoint.UseHttps(https =>
                        {
                            https.ServerCertificateSelector = (_, name) => certificates!.Select(name);

                            // JA3/JA4 for the WAF: computed once per connection from the raw ClientHello.
                            https.TlsClientHelloBytesCallback = (connection, hello) =>
                            {
                                if (Waf.Tls.ClientHello.Parse(hello) is { } parsed)
                                {
                                    connection.Items[Waf.Tls.TlsFingerprintFeature.ItemKey] = new Waf.Tls.TlsFingerprintFeature(Waf.Tls.TlsFingerprints.Ja3(parsed), Waf.Tls.TlsFingerprints.Ja4(parsed));
                                }
                            };
                        });
                    }

                    // After TLS, so that it reads plaintext: header arrival order for the WAF's header_order field.
                    endpoint.Use(Waf.HeaderOrder.HeaderOrderCapture.Middleware(() => State.Current.ObservesHeaderOrder));
                });
            }
        });
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton(State);
        builder.Services.AddSingleton(Metrics);
        builder.Services.AddSingleton(AccessLog);
        builder.Services.AddSingleton(Events);
        builder.Services.AddSingleton(_options.Time);
        builder.Services.AddSingleton(WafMetrics);
        builder.Services.AddSingleton(SecLangCollections);
        builder.Services.AddSingleton(Samples);
        builder.Services.AddSingleton(Challenges);
        builder.Services.AddSingleton(ShieldMetrics);
        builder.Services.AddSingleton(OriginProtection.Budgets);
        builder.Services.AddSingleton(OriginProtection.History);
        builder.Services.AddSingleton(Notifications);
        builder.Services.AddSingleton(Decisions);
        builder.Services.AddSingleton(Reputation);
        builder.Services.AddSingleton(Rates);
        builder.Services.AddSingleton(Cache);
        builder.Services.AddSingleton(Attacks);
        builder.Services.AddSingleton(FunctionMetrics);
        var app = builder.Build();
        Transport.Observe(app.Services);
        app.UseMiddleware<RequestLifecycleMiddleware>();
        app.UseMiddleware<ClientIdentityMiddleware>();
        app.UseMiddleware<Decisions.DecisionMiddleware>();
        app.UseMiddleware<Automations.HoneypotMiddleware>();
        app.UseMiddleware<RequestTargetValidationMiddleware>();
        app.UseMiddleware<RouteMatchingMiddleware>();
        app.UseMiddleware<AttackMitigationMiddleware>();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseMiddleware<Functions.EdgeFunctionsMiddleware>();
        app.UseMiddleware<WafMiddleware>();
        app.UseMiddleware<CacheMiddleware>();
        app.UseMiddleware<OriginBudgetMiddleware>();
        app.UseMiddleware<ForwardingMiddleware>();
        return app;
    }

    private WebApplication BuildAdmin(GatewayConfig config)
    {
        var builder = NewBuilder();
        ListenAddress.TryParse(config.Admin.Listen, out var address, out _);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address!.Address, address.Port);
        });
        builder.Services.AddRouting();
        var app = builder.Build();
        AdminApi.Map(app, this);
        return app;
    }

    private WebApplicationBuilder NewBuilder()
    {
        // Rempart's config is its YAML file: ASP.NET's appsettings need no file watcher on the install folder.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerFactory>(new GatewayLoggerFactory(_loggerFactory));
        builder.Services.AddSingleton<IHostLifetime, ExternalLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = State.Current.Config.ShutdownTimeout);
        return builder;
    }

    private static async Task<IReadOnlyList<Uri>> StartListenerAsync(WebApplication app, string what, IReadOnlyList<string> configured, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new GatewayStartupException($"cannot listen on {string.Join(", ", configured)} ({what}): {e.Message.TrimEnd('.')}. Fix: stop the program using that port or choose another one.", inner: e);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new GatewayStartupException($"cannot listen on {string.Join(", ", configured)} ({what}): {e.Message.TrimEnd('.')}. Fix: check the address, and use a port above 1023 or grant the capability to bind low ports.", inner: e);
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return addresses.Select(a => new Uri(a.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "[::1]", StringComparison.Ordinal))).ToList();
    }

    private EdgeCache OpenCache(GatewayConfig config)
    {
        try
        {
            var cache = EdgeCache.Create(config.Cache, DataDirectory, _options.Time, Metrics.Meter, _loggerFactory);
            _owned.Add(cache);
            return cache;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatewayStartupException($"cannot open the cache's disk tier: {e.Message} Fix: make cache.disk.path (under data_dir) a folder Rempart can write to, or remove cache.disk.", inner: e);
        }
    }

    private void RegisterOriginGauges()
    {
        Metrics.Meter.CreateObservableGauge("rempart_origin_target_healthy", () =>
            Origins.Pools.SelectMany(p => p.Targets.Select(t => new System.Diagnostics.Metrics.Measurement<int>(
                t.IsHealthy(_options.Time.GetUtcNow()) ? 1 : 0,
                new KeyValuePair<string, object?>("origin", p.Name),
                new KeyValuePair<string, object?>("target", t.Prefix)))),
            description: "1 when the origin target is healthy (active and passive checks), else 0.");
        Metrics.Meter.CreateObservableGauge("rempart_origin_target_in_flight", () =>
            Origins.Pools.SelectMany(p => p.Targets.Select(t => new System.Diagnostics.Metrics.Measurement<int>(
                t.InFlight,
                new KeyValuePair<string, object?>("origin", p.Name),
                new KeyValuePair<string, object?>("target", t.Prefix)))),
            description: "Requests in flight to each origin target.");
        Metrics.Meter.CreateObservableGauge("rempart_config_generation", () => State.Current.Generation, description: "Generation of the config in force; grows by one per applied reload.");
    }

    /// <summary>Graceful stop: stop accepting, let in-flight requests finish (bounded by shutdown_timeout), then admin, logs and state.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _watcher?.Dispose();
        var timeout = State?.Current.Config.ShutdownTimeout ?? TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource(timeout);
        if (_gateway is not null)
        {
            LogStopping(_logger, timeout);
            await _gateway.StopAsync(cts.Token).ConfigureAwait(false);
            await _gateway.DisposeAsync().ConfigureAwait(false);
        }

        if (_admin is not null)
        {
            await _admin.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _admin.DisposeAsync().ConfigureAwait(false);
        }

        if (AccessLog is not null)
        {
            await AccessLog.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var d in Enumerable.Reverse(_ownedAsync))
        {
            await d.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var d in _owned)
        {
            d.Dispose();
        }

        if (Demo is not null)
        {
            await Demo.DisposeAsync().ConfigureAwait(false);
        }

        LogStopped(_logger);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Rempart started: gateway on {Gateway}, admin on {Admin}, config {Hash}")]
    private static partial void LogStarted(ILogger logger, string gateway, string admin, string hash);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Config reloaded: generation {Generation}, hash {Hash}")]
    private static partial void LogReloaded(ILogger logger, long generation, string hash);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Config reload rejected, the running config stays: {Error}")]
    private static partial void LogReloadRejected(ILogger logger, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Config reload: {Warning}")]
    private static partial void LogReloadWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Stopping: draining in-flight requests for up to {Timeout}")]
    private static partial void LogStopping(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Rempart stopped; logs flushed and state closed")]
    private static partial void LogStopped(ILogger logger);
}
