using System.Net;
using System.Net.Sockets;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>Loopback ports for tests: one nothing listens on (bound, then freed).</summary>
public static class TestPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An origin URL where nothing listens.</summary>
    public static string DeadAddress() => $"http://127.0.0.1:{Free()}";
}
