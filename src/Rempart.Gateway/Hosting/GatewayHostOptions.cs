using Microsoft.Extensions.Logging;

namespace Rempart.Gateway.Hosting;

public sealed record GatewayHostOptions
{
    /// <summary>The config file; null runs the embedded default in front of the built-in demo origin.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Watch the config file and reload it when it changes.</summary>
    public bool WatchConfig { get; init; } = true;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Overrides for tests: replace listen addresses (e.g. port 0) without editing the file.</summary>
    public Func<string, string>? TransformConfigText { get; init; }
}
