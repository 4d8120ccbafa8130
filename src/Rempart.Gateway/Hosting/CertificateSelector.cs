using System.Security.Cryptography.X509Certificates;
using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Hosting;

/// <summary>
/// Picks the server certificate by SNI: the first configured certificate whose hosts (or, when none
/// are listed, whose own DNS names) match; the first certificate when nothing matches or no SNI was sent.
/// </summary>
public sealed class CertificateSelector : IDisposable
{
    private readonly (string[] Hosts, X509Certificate2 Certificate)[] _entries;

    public CertificateSelector(TlsConfig tls, string baseDirectory)
    {
        _entries = tls.Certificates.Select(c =>
        {
            var cert = X509Certificate2.CreateFromPemFile(ConfigPaths.Resolve(baseDirectory, c.CertFile), ConfigPaths.Resolve(baseDirectory, c.KeyFile));
            var hosts = c.Hosts.Count > 0 ? c.Hosts.ToArray() : DnsNames(cert);
            return (hosts, cert);
        }).ToArray();
    }

    public X509Certificate2 Select(string? serverName)
    {
        if (!string.IsNullOrEmpty(serverName))
        {
            foreach (var (hosts, certificate) in _entries)
            {
                foreach (var h in hosts)
                {
                    if (HostPattern.Matches(h, serverName))
                    {
                        return certificate;
                    }
                }
            }
        }

        return _entries[0].Certificate;
    }

    public void Dispose()
    {
        foreach (var (_, certificate) in _entries)
        {
            certificate.Dispose();
        }
    }

    private static string[] DnsNames(X509Certificate2 cert)
    {
        var names = new List<string>();
        foreach (var ext in cert.Extensions)
        {
            if (ext is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
            }
        }

        var cn = cert.GetNameInfo(X509NameType.DnsName, false);
        if (names.Count == 0 && !string.IsNullOrEmpty(cn))
        {
            names.Add(cn);
        }

        return names.ToArray();
    }
}
