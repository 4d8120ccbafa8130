using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Rempart.Gateway.Waf.Tls;

namespace Rempart.Gateway.Tests.Waf;

public class TlsFingerprintTests
{
    /// <summary>A ClientHello built by hand: TLS 1.2 legacy version, GREASE cipher and extension, SNI, groups, point formats, ALPN h2, signature algorithms, supported versions 1.3.</summary>
    private static byte[] Hello()
    {
        var ext = new List<byte>();
        void Ext(ushort type, byte[] body)
        {
            ext.AddRange([(byte)(type >> 8), (byte)type, (byte)(body.Length >> 8), (byte)body.Length]);
            ext.AddRange(body);
        }

        Ext(0x1a1a, []);                                                        // GREASE
        Ext(0x0000, [0, 8, 0, 0, 5, (byte)'a', (byte)'.', (byte)'t', (byte)'e', (byte)'s']); // server_name
        Ext(0x000a, [0, 4, 0x00, 0x1d, 0x00, 0x17]);                             // groups x25519, secp256r1
        Ext(0x000b, [1, 0]);                                                    // point formats: uncompressed
        Ext(0x0010, [0, 3, 2, (byte)'h', (byte)'2']);                           // ALPN h2
        Ext(0x000d, [0, 4, 0x04, 0x03, 0x08, 0x04]);                            // signature algorithms
        Ext(0x002b, [2, 0x03, 0x04]);                                           // supported_versions 1.3
        var body = new List<byte> { 0x03, 0x03 };
        body.AddRange(new byte[32]);                                            // random
        body.Add(0);                                                            // session id
        body.AddRange([0, 6, 0x2a, 0x2a, 0x13, 0x01, 0xc0, 0x2b]);              // GREASE, TLS_AES_128_GCM_SHA256, ECDHE-ECDSA-AES128-GCM
        body.AddRange([1, 0]);                                                  // compression: null
        body.AddRange([(byte)(ext.Count >> 8), (byte)ext.Count]);
        body.AddRange(ext);
        var handshake = new List<byte> { 1, 0, (byte)(body.Count >> 8), (byte)body.Count };
        handshake.AddRange(body);
        var record = new List<byte> { 22, 3, 1, (byte)(handshake.Count >> 8), (byte)handshake.Count };
        record.AddRange(handshake);
        return record.ToArray();
    }

    [Fact]
    public void Ja3_FollowsTheSpec_WithoutGrease()
    {
        var hello = ClientHello.Parse(new ReadOnlySequence<byte>(Hello()))!;

        var expected = Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes("771,4865-49195,0-10-11-16-13-43,29-23,0")));
        Assert.Equal(expected, TlsFingerprints.Ja3(hello));
    }

    [Fact]
    public void Ja4_FollowsTheSpec()
    {
        var hello = ClientHello.Parse(new ReadOnlySequence<byte>(Hello()))!;
        static string H(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(s)))[..12];

        // t, TLS 1.3, SNI present, 2 ciphers, 6 extensions, ALPN h2; sorted ciphers; sorted extensions without SNI/ALPN, then signature algorithms.
        Assert.Equal($"t13d0206h2_{H("1301,c02b")}_{H("000a,000b,000d,002b_0403,0804")}", TlsFingerprints.Ja4(hello));
    }

    [Fact]
    public void MalformedHello_GivesNoFingerprint()
    {
        Assert.Null(ClientHello.Parse(new ReadOnlySequence<byte>([22, 3, 1, 0, 10, 1, 0, 0, 6, 3])));
    }
}
