using Microsoft.Extensions.Hosting;

namespace Rempart.Gateway.Hosting;

/// <summary>
/// Keeps ASP.NET's console lifetime from reacting to signals on its own: the gateway, its admin
/// listener and its state must stop in one order that <see cref="GatewayHost"/> controls.
/// </summary>
internal sealed class ExternalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
