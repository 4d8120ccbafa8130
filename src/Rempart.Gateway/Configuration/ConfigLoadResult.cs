namespace Rempart.Gateway.Configuration;

/// <summary>What loading a config file gave: the config (only when there are no errors), every error, and where values came from.</summary>
public sealed record ConfigLoadResult(
    GatewayConfig? Config,
    IReadOnlyList<ConfigError> Errors,
    SourceMap Map,
    string BaseDirectory,
    string Text,
    string Hash)
{
    public bool IsValid => Config is not null && Errors.Count == 0;
}
