using System.Collections.Concurrent;
using System.Net;
using MaxMind.Db;

namespace Rempart.Gateway.Waf.Geo;

/// <summary>
/// Country and ASN of an address from operator-supplied MaxMind-format databases (memory-mapped,
/// shared by every config that names the same file). Reads the fields GeoLite2, GeoIP2 and DB-IP
/// have in common: country.iso_code (or registered_country) and autonomous_system_number.
/// </summary>
public sealed class GeoLookup(Reader? countries, Reader? asns)
{
    private static readonly ConcurrentDictionary<string, Reader> Readers = new(StringComparer.Ordinal);

    public static GeoLookup Open(string? countryPath, string? asnPath) =>
        new(countryPath is null ? null : Get(countryPath), asnPath is null ? (countryPath is null ? null : Get(countryPath)) : Get(asnPath));

    public string? Country(IPAddress address)
    {
        var record = Find(countries, address);
        if (record is null)
        {
            return null;
        }

        foreach (var key in new[] { "country", "registered_country" })
        {
            if (record.TryGetValue(key, out var c) && c is IDictionary<string, object> country && country.TryGetValue("iso_code", out var code))
            {
                return code as string;
            }
        }

        return null;
    }

    public long? Asn(IPAddress address)
    {
        var record = Find(asns, address);
        return record is not null && record.TryGetValue("autonomous_system_number", out var n) ? Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static Dictionary<string, object>? Find(Reader? reader, IPAddress address)
    {
        if (reader is null)
        {
            return null;
        }

        try
        {
            return reader.Find<Dictionary<string, object>>(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
        }
        catch (InvalidDatabaseException)
        {
            return null;
        }
    }

    private static Reader Get(string path) => Readers.GetOrAdd(Path.GetFullPath(path), p => new Reader(p, FileAccessMode.MemoryMapped));
}
