using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Rempart.Gateway.Waf.Tls;

/// <summary>
/// JA3 (Salesforce: MD5 of "version,ciphers,extensions,groups,point formats", GREASE removed) and
/// JA4 (FoxIO: "t13d1516h2_&lt;ciphers hash&gt;_&lt;extensions hash&gt;", sorted lists, SHA-256 prefixes) of
/// a ClientHello, computed once per TLS connection.
/// </summary>
public static class TlsFingerprints
{
    public static string Ja3(ClientHello h)
    {
        static string Join<T>(IEnumerable<T> values) => string.Join('-', values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        var text = string.Join(',',
            h.Version.ToString(CultureInfo.InvariantCulture),
            Join(h.CipherSuites.Where(c => !ClientHello.IsGrease(c))),
            Join(h.Extensions.Where(e => !ClientHello.IsGrease(e))),
            Join(h.Groups.Where(g => !ClientHello.IsGrease(g))),
            Join(h.PointFormats));
        return Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(text)));
    }

    public static string Ja4(ClientHello h)
    {
        var ciphers = h.CipherSuites.Where(c => !ClientHello.IsGrease(c)).ToList();
        var extensions = h.Extensions.Where(e => !ClientHello.IsGrease(e)).ToList();
        var highest = h.SupportedVersions.Where(v => !ClientHello.IsGrease(v)).DefaultIfEmpty(h.Version).Max();
        var version = highest switch
        {
            0x0304 => "13",
            0x0303 => "12",
            0x0302 => "11",
            0x0301 => "10",
            0x0300 => "s3",
            _ => "00",
        };
        var alpn = h.Alpn.Count > 0 && h.Alpn[0].Length > 0 ? $"{h.Alpn[0][0]}{h.Alpn[0][^1]}" : "00";
        var a = $"t{version}{(h.HasSni ? 'd' : 'i')}{Math.Min(ciphers.Count, 99):D2}{Math.Min(extensions.Count, 99):D2}{alpn}";
        var b = Hash12(string.Join(',', ciphers.Order().Select(Hex)));
        var sortedExtensions = string.Join(',', extensions.Where(e => e is not 0x0000 and not 0x0010).Order().Select(Hex));
        var signatures = string.Join(',', h.SignatureAlgorithms.Select(Hex));
        var c = Hash12(signatures.Length > 0 ? sortedExtensions + "_" + signatures : sortedExtensions);
        return $"{a}_{b}_{c}";
    }

    private static string Hex(ushort value) => value.ToString("x4", CultureInfo.InvariantCulture);

    private static string Hash12(string text) =>
        text.Length == 0 ? "000000000000" : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12];
}
