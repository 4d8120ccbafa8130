using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Rempart.Caching.Http;

namespace Rempart.Caching.Storage;

/// <summary>
/// The on-disk entry format, version 1. One file per entry, written to a temporary name and
/// renamed into place, so a reader sees a whole file or none; checksums catch what rename cannot
/// (a crash before the data reached the disk, bit rot, a foreign file).
/// <code>
///  0  magic "RMPC"            4 bytes
///  4  version (=1)            u16 LE
///  6  reserved (=0)           u16
///  8  metadata length         u32 LE (≤ 1 MiB)
/// 12  body length             u64 LE
/// 20  SHA-256 of metadata     32 bytes
/// 52  SHA-256 of body         32 bytes
/// 84  metadata                id, keys, host, path, status, times, vary values, headers, surrogate keys
///  …  body
/// </code>
/// Any deviation — short file, other magic, unknown version, hash mismatch — reads as "no entry".
/// </summary>
public static class CacheEntryFormat
{
    public const ushort Version = 1;
    public const int HeaderSize = 84;
    public const int MaxMetadataSize = 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => "RMPC"u8;

    /// <summary>The fixed header of a file (what <see cref="TryReadHeader"/> returns).</summary>
    public readonly record struct FileHeader(int MetadataLength, long BodyLength, byte[] MetadataHash, byte[] BodyHash)
    {
        public long TotalLength => HeaderSize + MetadataLength + BodyLength;
    }

    /// <summary>Serialises the metadata of <paramref name="entry"/>.</summary>
    public static byte[] WriteMetadata(CacheEntry entry)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(entry.Id.ToByteArray());
            w.Write(entry.Key.Primary);
            w.Write(entry.Key.Secondary);
            w.Write(entry.Host);
            w.Write(entry.Path);
            w.Write(entry.Status);
            w.Write(entry.RequestTime.UtcTicks);
            w.Write(entry.ResponseTime.UtcTicks);
            w.Write(entry.VaryValues.Count);
            foreach (var v in entry.VaryValues)
            {
                w.Write(v.Name);
                w.Write(v.Value is not null);
                w.Write(v.Value ?? "");
            }
            var lines = entry.Headers.Lines.ToList();
            w.Write(lines.Count);
            foreach (var line in lines)
            {
                w.Write(line.Key);
                w.Write(line.Value);
            }
            w.Write(entry.SurrogateKeys.Count);
            foreach (var key in entry.SurrogateKeys)
            {
                w.Write(key);
            }
        }
        return ms.ToArray();
    }

    public static byte[] WriteHeader(byte[] metadata, long bodyLength, byte[] bodyHash)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)metadata.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(12), (ulong)bodyLength);
        SHA256.HashData(metadata).CopyTo(header, 20);
        bodyHash.CopyTo(header, 52);
        return header;
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> bytes, out FileHeader header)
    {
        header = default;
        if (bytes.Length < HeaderSize || !bytes[..4].SequenceEqual(Magic))
        {
            return false;
        }
        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) != Version)
        {
            return false;
        }
        var metadataLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        var bodyLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes[12..]);
        if (metadataLength == 0 || metadataLength > MaxMetadataSize || bodyLength > long.MaxValue / 2)
        {
            return false;
        }
        header = new FileHeader((int)metadataLength, (long)bodyLength, bytes.Slice(20, 32).ToArray(), bytes.Slice(52, 32).ToArray());
        return true;
    }

    /// <summary>Reads metadata whose hash was already checked; null when it does not parse.</summary>
    public static CacheEntry? TryReadMetadata(byte[] metadata, CacheBody body, IReadOnlyList<string> targetedFields)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(metadata), Encoding.UTF8);
            var id = new Guid(r.ReadBytes(16));
            var key = new CacheKey(r.ReadString(), r.ReadString());
            var host = r.ReadString();
            var path = r.ReadString();
            var status = r.ReadInt32();
            var requestTime = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var responseTime = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var varyCount = Count(r.ReadInt32());
            var vary = new VaryValue[varyCount];
            for (var i = 0; i < varyCount; i++)
            {
                var name = r.ReadString();
                var has = r.ReadBoolean();
                var value = r.ReadString();
                vary[i] = new VaryValue(name, has ? value : null);
            }
            var headerCount = Count(r.ReadInt32());
            var headers = new HeaderList();
            for (var i = 0; i < headerCount; i++)
            {
                headers.Add(r.ReadString(), r.ReadString());
            }
            var tagCount = Count(r.ReadInt32());
            var tags = new string[tagCount];
            for (var i = 0; i < tagCount; i++)
            {
                tags[i] = r.ReadString();
            }
            if (r.BaseStream.Position != metadata.Length || status is < 100 or > 999)
            {
                return null;
            }
            return new CacheEntry(id, key, host, path, vary, status, headers, requestTime, responseTime, body, tags, targetedFields);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or FormatException or InvalidDataException)
        {
            return null;
        }
    }

    private static int Count(int value) =>
        value is >= 0 and <= 100_000 ? value : throw new InvalidDataException("count out of range");
}
