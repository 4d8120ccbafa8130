using System.Net.Sockets;
using System.Text;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>Sends bytes exactly as given over a TCP socket, for requests no HTTP client would produce.</summary>
public static class RawHttp
{
    public static async Task<string> SendAsync(Uri address, string raw, int timeoutMs = 10_000)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(raw));
        using var cts = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[65536];
        var sb = new StringBuilder();
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, cts.Token);
                if (n == 0)
                {
                    break;
                }

                sb.Append(Encoding.Latin1.GetString(buffer, 0, n));
                if (sb.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && raw.Contains("Connection: close", StringComparison.OrdinalIgnoreCase) is false)
                {
                    // Keep-alive: wait a moment for the body, then return what came.
                    await Task.Delay(100);
                    if (client.Available == 0)
                    {
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }

        return sb.ToString();
    }
}
