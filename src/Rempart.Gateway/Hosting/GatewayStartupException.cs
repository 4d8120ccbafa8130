using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Hosting;

/// <summary>Start-up failed for a reason the operator can fix; <see cref="Exception.Message"/> says what and how.</summary>
public sealed class GatewayStartupException(string message, IReadOnlyList<ConfigError>? errors = null, Exception? inner = null)
    : Exception(message, inner)
{
    public IReadOnlyList<ConfigError> ConfigErrors { get; } = errors ?? [];
}
