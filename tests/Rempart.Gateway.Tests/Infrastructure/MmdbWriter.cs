using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// Writes a small MaxMind DB (format 2.0, IPv6 tree, 24-bit records) so geo and ASN tests run on
/// a real mmdb file read by the real MaxMind reader. IPv4 networks go under ::/96, as MaxMind's do.
/// </summary>
public sealed class MmdbWriter
{
    private readonly Node _root = new();
    private readonly MemoryStream _data = new();

    public MmdbWriter Add(string cidr, Dictionary<string, object> record)
    {
        var network = IPNetwork.Parse(cidr);
        var bytes = network.BaseAddress.GetAddressBytes();
        var prefix = network.PrefixLength;
        if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes = new byte[12].Concat(bytes).ToArray();
            prefix += 96;
        }

        var offset = (int)_data.Position;
        Encode(_data, record);
        var node = _root;
        for (var bit = 0; bit < prefix; bit++)
        {
            var right = (bytes[bit / 8] >> (7 - bit % 8) & 1) == 1;
            if (bit == prefix - 1)
            {
                if (right) node.RightData = offset; else node.LeftData = offset;
                break;
            }

            node = right ? node.Right ??= new Node() : node.Left ??= new Node();
        }

        return this;
    }

    public void Write(string path)
    {
        var nodes = new List<Node>();
        var queue = new Queue<Node>([_root]);
        while (queue.Count > 0)
        {
            var n = queue.Dequeue();
            n.Index = nodes.Count;
            nodes.Add(n);
            if (n.Left is not null) queue.Enqueue(n.Left);
            if (n.Right is not null) queue.Enqueue(n.Right);
        }

        var count = nodes.Count;
        using var file = new MemoryStream();
        foreach (var n in nodes)
        {
            Record(file, n.Left?.Index ?? (n.LeftData is { } l ? count + 16 + l : count));
            Record(file, n.Right?.Index ?? (n.RightData is { } r ? count + 16 + r : count));
        }

        file.Write(new byte[16]);
        _data.WriteTo(file);
        file.Write([0xAB, 0xCD, 0xEF]);
        file.Write(Encoding.ASCII.GetBytes("MaxMind.com"));
        Encode(file, new Dictionary<string, object>
        {
            ["binary_format_major_version"] = (ushort)2,
            ["binary_format_minor_version"] = (ushort)0,
            ["build_epoch"] = (ulong)1_700_000_000,
            ["database_type"] = "Rempart-Test",
            ["description"] = new Dictionary<string, object> { ["en"] = "Rempart test database" },
            ["ip_version"] = (ushort)6,
            ["languages"] = new object[] { "en" },
            ["node_count"] = (uint)count,
            ["record_size"] = (ushort)24,
        });
        File.WriteAllBytes(path, file.ToArray());
    }

    private static void Record(Stream s, int value) => s.Write([(byte)(value >> 16), (byte)(value >> 8), (byte)value]);

    private static void Encode(Stream s, object value)
    {
        switch (value)
        {
            case string str:
                var b = Encoding.UTF8.GetBytes(str);
                Control(s, 2, b.Length);
                s.Write(b);
                break;
            case ushort u16:
                Unsigned(s, 5, u16);
                break;
            case uint u32:
                Unsigned(s, 6, u32);
                break;
            case ulong u64:
                Unsigned(s, 9, u64);
                break;
            case Dictionary<string, object> map:
                Control(s, 7, map.Count);
                foreach (var (k, v) in map)
                {
                    Encode(s, k);
                    Encode(s, v);
                }

                break;
            case object[] array:
                Control(s, 11, array.Length);
                foreach (var v in array)
                {
                    Encode(s, v);
                }

                break;
            default:
                throw new NotSupportedException(value.GetType().Name);
        }
    }

    private static void Unsigned(Stream s, int type, ulong value)
    {
        var bytes = new List<byte>();
        while (value > 0)
        {
            bytes.Insert(0, (byte)value);
            value >>= 8;
        }

        Control(s, type, bytes.Count);
        s.Write(bytes.ToArray());
    }

    private static void Control(Stream s, int type, int size)
    {
        var extended = type > 7;
        var first = (byte)((extended ? 0 : type) << 5);
        if (size < 29)
        {
            s.WriteByte((byte)(first | size));
            if (extended) s.WriteByte((byte)(type - 7));
        }
        else
        {
            s.WriteByte((byte)(first | 29));
            if (extended) s.WriteByte((byte)(type - 7));
            s.WriteByte((byte)(size - 29));
        }
    }

    private sealed class Node
    {
        public Node? Left;
        public Node? Right;
        public int? LeftData;
        public int? RightData;
        public int Index;
    }
}
