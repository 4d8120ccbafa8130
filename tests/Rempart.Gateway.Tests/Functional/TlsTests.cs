using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));

    public TlsTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task Https_PicksTheCertificateBySni_AndSpeaksHttp2()
    {
        var (aCert, aKey) = WritePem("a.example.test");
        var (bCert, bKey) = WritePem("b.example.test");
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync($$"""
            listen: ["https://127.0.0.1:0"]
            tls:
              certificates:
                - { cert_file: "{{aCert}}", key_file: "{{aKey}}" }
                - { cert_file: "{{bCert}}", key_file: "{{bKey}}", hosts: ["b.example.test", "*.b.example.test"] }
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        Assert.Equal("CN=a.example.test", await ServedSubject(gw.Address, "a.example.test"));
        Assert.Equal("CN=b.example.test", await ServedSubject(gw.Address, "b.example.test"));
        Assert.Equal("CN=b.example.test", await ServedSubject(gw.Address, "x.b.example.test"));
        Assert.Equal("CN=a.example.test", await ServedSubject(gw.Address, "unknown.test"));

        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true, TargetHost = "b.example.test" } };
        using var client = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var response = await client.GetAsync(gw.Address);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("hello from origin", await response.Content.ReadAsStringAsync());
        Assert.Contains("2 rempart", response.Headers.GetValues("Via"));
    }

    [Fact]
    public async Task Ja3AndJa4_AreComputedFromTheClientHello_AndMatchable()
    {
        var (cert, key) = WritePem("fp.example.test");
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync($$"""
            listen: ["https://127.0.0.1:0"]
            tls: { certificates: [ { cert_file: "{{cert}}", key_file: "{{key}}" } ] }
            origins: { app: { targets: ["{{origin.Url}}"] } }
            web_acls:
              main:
                rules:
                  - name: tls13-clients-on-probe
                    priority: 1
                    statement:
                      and:
                        - { regex_match: { field: ja4_fingerprint, pattern: "^t13[di][0-9]{4}" } }
                        - { regex_match: { field: ja3_fingerprint, pattern: "^[0-9a-f]{32}$" } }
                        - { byte_match: { field: uri_path, exactly: /probe } }
                    action: block
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: main
            """);
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true, TargetHost = "fp.example.test", EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls13 } };
        using var client = new HttpClient(handler) { BaseAddress = gw.Address };

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/probe")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/home")).StatusCode);
    }

    private static async Task<string> ServedSubject(Uri address, string sni)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = sni });
        return ssl.RemoteCertificate!.Subject;
    }

    private (string Cert, string Key) WritePem(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certPath = Path.Combine(_dir, name + ".crt");
        var keyPath = Path.Combine(_dir, name + ".key");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
