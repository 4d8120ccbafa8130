using System.Net;
using System.Net.Sockets;

namespace Rempart.Gateway.Configuration;

/// <summary>Addresses as 128-bit numbers, so prefixes are masks and lookups are hash probes.</summary>
public static class IpNumber
{
    public static UInt128 From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 value = 0;
        for (var i = 0; i < written; i++)
        {
            value = value << 8 | bytes[i];
        }

        return value;
    }

    public static UInt128 Mask(UInt128 value, int length, int bits) =>
        length == 0 ? 0 : value & (UInt128.MaxValue << (bits - length)) & (bits == 32 ? (UInt128)uint.MaxValue : UInt128.MaxValue);

    public static IPAddress ToAddress(UInt128 value, int bits)
    {
        Span<byte> bytes = stackalloc byte[16];
        var n = bits / 8;
        for (var i = n - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }

        return new IPAddress(bytes[..n]);
    }

    public static int Bits(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
}
