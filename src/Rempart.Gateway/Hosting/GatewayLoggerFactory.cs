using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Rempart.Gateway.Hosting;

/// <summary>
/// The logger factory the gateway's ASP.NET host gets: the operator's, except ASP.NET's per-request
/// hosting diagnostics. When that category is enabled at any level, the host starts an
/// <c>Activity</c> and opens a logging scope for every request — work and allocations on the
/// request path for "Request starting/finished" lines the access log already writes better
/// (observability.md). Kestrel's own warnings and errors keep their categories.
/// </summary>
internal sealed class GatewayLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public ILogger CreateLogger(string categoryName) =>
        categoryName == HostingDiagnostics ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The operator's factory belongs to whoever made it.
    }
}
