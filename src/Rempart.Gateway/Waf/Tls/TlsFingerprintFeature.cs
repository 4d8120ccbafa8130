namespace Rempart.Gateway.Waf.Tls;

/// <summary>The JA3 and JA4 fingerprints of the connection's ClientHello, kept in the connection's items.</summary>
public sealed record TlsFingerprintFeature(string Ja3, string Ja4)
{
    public const string ItemKey = "rempart.tls.fingerprint";
}
