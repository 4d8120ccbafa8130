using System.Net;
using System.Net.Sockets;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// An HttpClient whose connections leave from a chosen loopback address (127.0.0.x), so one test
/// plays several distinct clients against a real gateway — Linux routes all of 127/8 to loopback.
/// </summary>
public static class SourceAddressClient
{
    public static HttpClient Create(Uri baseAddress, string sourceIp) =>
        new(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(sourceIp), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
