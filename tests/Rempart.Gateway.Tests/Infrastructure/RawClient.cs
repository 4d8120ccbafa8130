using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// A TCP client bound to a chosen 127.0.0.x source address, for tests that need distinct client
/// IPs, slow bytes, or to see when the server closes the connection.
/// </summary>
public sealed class RawClient : IDisposable
{
    private readonly Socket _socket;

    private RawClient(Socket socket) => _socket = socket;

    public static async Task<RawClient> ConnectAsync(Uri target, string source = "127.0.0.1")
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        await socket.ConnectAsync(IPAddress.Parse(target.Host), target.Port);
        return new RawClient(socket);
    }

    /// <summary>Connects, or null when the server resets the connection before the connect completes (refused at accept).</summary>
    public static async Task<RawClient?> TryConnectAsync(Uri target, string source = "127.0.0.1")
    {
        try
        {
            return await ConnectAsync(target, source);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return null;
        }
    }

    /// <summary>Sends text; false when the server has already closed or reset the connection.</summary>
    public async Task<bool> SendAsync(string text)
    {
        try
        {
            await _socket.SendAsync(Encoding.Latin1.GetBytes(text));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Reads until the server closes (true) or <paramref name="timeoutMs"/> passes (false); what was read is in <paramref name="received"/>.</summary>
    public async Task<(bool Closed, string Received)> ReadUntilClosedAsync(int timeoutMs)
    {
        var buffer = new byte[16384];
        var received = new StringBuilder();
        using var cts = new CancellationTokenSource(timeoutMs);
        try
        {
            while (true)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    return (true, received.ToString());
                }

                received.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }
        }
        catch (OperationCanceledException)
        {
            return (false, received.ToString());
        }
        catch (SocketException)
        {
            return (true, received.ToString());
        }
    }

    /// <summary>Sends a whole request and reads the response head and what follows for a moment.</summary>
    public async Task<string> RequestAsync(string raw, int timeoutMs = 10_000)
    {
        await SendAsync(raw);
        var buffer = new byte[65536];
        var received = new StringBuilder();
        using var cts = new CancellationTokenSource(timeoutMs);
        try
        {
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    break;
                }

                received.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
        }

        return received.ToString();
    }

    public void Dispose() => _socket.Dispose();
}
