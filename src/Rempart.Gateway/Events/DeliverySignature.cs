using System.Security.Cryptography;
using System.Text;

namespace Rempart.Gateway.Events;

/// <summary>
/// The signature of every POST Rempart sends out (notification webhooks, HTTP event functions):
/// <c>X-Rempart-Signature: sha256=HEX</c>, the HMAC-SHA256 of <c>TIMESTAMP.BODY</c> with the
/// <c>X-Rempart-Timestamp</c> header's Unix seconds — one scheme, so one receiver library checks both
/// origin and freshness.
/// </summary>
public static class DeliverySignature
{
    /// <summary>Lower-case hex HMAC-SHA256 of <c>timestamp + "." + body</c>: what a receiver recomputes.</summary>
    public static string Sign(byte[] secret, string timestamp, byte[] body)
    {
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp, signed);
        signed[timestamp.Length] = (byte)'.';
        body.CopyTo(signed, timestamp.Length + 1);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, signed));
    }

    /// <summary>The header value: <c>sha256=</c> and the signature.</summary>
    public static string Header(byte[] secret, string timestamp, byte[] body) => "sha256=" + Sign(secret, timestamp, body);
}
