using System.Buffers.Binary;
using System.Net;

namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// Client addresses as 128-bit integers, so per-source tables hash and compare them without
/// allocating. IPv4 (and IPv4-mapped IPv6) is stored in its mapped form (::ffff:a.b.c.d); a
/// source's prefix is its /24 for IPv4 and its /48 for IPv6, the blocks providers hand out.
/// </summary>
public static class AddressKey
{
    private static readonly UInt128 V4Marker = (UInt128)0xFFFF << 32;
    private static readonly UInt128 V4PrefixMask = ~(UInt128)0xFF;
    private static readonly UInt128 V6PrefixMask = ~(UInt128)0 << 80;

    public static UInt128 Of(IPAddress address)
    {
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            address.TryWriteBytes(v4, out _);
            return V4Marker | BinaryPrimitives.ReadUInt32BigEndian(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(v6);
    }

    public static bool IsV4(UInt128 key) => key >> 32 == 0xFFFF;

    /// <summary>The /24 (IPv4) or /48 (IPv6) block the address belongs to.</summary>
    public static UInt128 Prefix(UInt128 key) => IsV4(key) ? key & V4PrefixMask : key & V6PrefixMask;

    public static IPAddress ToAddress(UInt128 key)
    {
        if (IsV4(key))
        {
            return new IPAddress(BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness((uint)key) : (uint)key);
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, key);
        return new IPAddress(bytes);
    }

    public static string Format(UInt128 key) => ToAddress(key).ToString();

    public static string FormatPrefix(UInt128 prefix) => Format(prefix) + (IsV4(prefix) ? "/24" : "/48");
}
