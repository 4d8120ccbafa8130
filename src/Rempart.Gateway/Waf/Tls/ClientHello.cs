using System.Buffers;
using System.Buffers.Binary;

namespace Rempart.Gateway.Waf.Tls;

/// <summary>
/// The parts of a TLS ClientHello that fingerprints use: legacy version, cipher suites, extension
/// types in order, supported groups, point formats, supported versions, ALPN protocols, signature
/// algorithms and whether SNI was sent. Parsing is defensive: a malformed hello yields null.
/// </summary>
public sealed record ClientHello(
    ushort Version,
    IReadOnlyList<ushort> CipherSuites,
    IReadOnlyList<ushort> Extensions,
    IReadOnlyList<ushort> Groups,
    IReadOnlyList<byte> PointFormats,
    IReadOnlyList<ushort> SupportedVersions,
    IReadOnlyList<string> Alpn,
    IReadOnlyList<ushort> SignatureAlgorithms,
    bool HasSni)
{
    /// <summary>GREASE values (RFC 8701) are left out of fingerprints: clients randomise them.</summary>
    public static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);

    public static ClientHello? Parse(ReadOnlySequence<byte> data)
    {
        var bytes = data.ToArray();
        try
        {
            return Parse(bytes);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static ClientHello? Parse(ReadOnlySpan<byte> b)
    {
        // TLS record header (type 22 = handshake), then the handshake header (type 1 = ClientHello).
        var p = 0;
        if (b.Length > 5 && b[0] == 22)
        {
            p = 5;
        }

        if (b[p] != 1)
        {
            return null;
        }

        p += 4;
        var version = BinaryPrimitives.ReadUInt16BigEndian(b[p..]);
        p += 2 + 32;
        p += 1 + b[p]; // session id
        var cipherLength = BinaryPrimitives.ReadUInt16BigEndian(b[p..]);
        p += 2;
        var ciphers = new List<ushort>();
        for (var i = 0; i < cipherLength; i += 2)
        {
            ciphers.Add(BinaryPrimitives.ReadUInt16BigEndian(b[(p + i)..]));
        }

        p += cipherLength;
        p += 1 + b[p]; // compression methods
        var extensions = new List<ushort>();
        var groups = new List<ushort>();
        var points = new List<byte>();
        var versions = new List<ushort>();
        var alpn = new List<string>();
        var signatures = new List<ushort>();
        var sni = false;
        if (p + 2 <= b.Length)
        {
            var end = p + 2 + BinaryPrimitives.ReadUInt16BigEndian(b[p..]);
            p += 2;
            while (p + 4 <= end && p + 4 <= b.Length)
            {
                var type = BinaryPrimitives.ReadUInt16BigEndian(b[p..]);
                var length = BinaryPrimitives.ReadUInt16BigEndian(b[(p + 2)..]);
                var body = b.Slice(p + 4, length);
                extensions.Add(type);
                switch (type)
                {
                    case 0x0000:
                        sni = true;
                        break;
                    case 0x000a:
                        ReadU16List(body[2..], groups, BinaryPrimitives.ReadUInt16BigEndian(body));
                        break;
                    case 0x000b:
                        points.AddRange(body.Slice(1, body[0]).ToArray());
                        break;
                    case 0x000d:
                        ReadU16List(body[2..], signatures, BinaryPrimitives.ReadUInt16BigEndian(body));
                        break;
                    case 0x0010:
                        var q = 2;
                        while (q < body.Length)
                        {
                            var len = body[q];
                            alpn.Add(System.Text.Encoding.ASCII.GetString(body.Slice(q + 1, len)));
                            q += 1 + len;
                        }

                        break;
                    case 0x002b:
                        ReadU16List(body[1..], versions, body[0]);
                        break;
                }

                p += 4 + length;
            }
        }

        return new ClientHello(version, ciphers, extensions, groups, points, versions, alpn, signatures, sni);
    }

    private static void ReadU16List(ReadOnlySpan<byte> data, List<ushort> into, int length)
    {
        for (var i = 0; i + 1 < length && i + 1 < data.Length; i += 2)
        {
            into.Add(BinaryPrimitives.ReadUInt16BigEndian(data[i..]));
        }
    }
}
