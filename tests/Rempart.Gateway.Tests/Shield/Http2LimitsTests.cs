using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>HTTP/2 limits on an https listener: a client multiplexing on one connection gets no more concurrent streams than allowed.</summary>
public sealed class Http2LimitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rempart-h2-").FullName;

    [Fact]
    public async Task StreamsPerConnection_AreCapped_SoOneConnectionCannotFanOut()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=h2.example.test", key, HashAlgorithmName.SHA256);
        using (var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7)))
        {
            File.WriteAllText(Path.Combine(_dir, "c.crt"), cert.ExportCertificatePem());
            File.WriteAllText(Path.Combine(_dir, "c.key"), key.ExportPkcs8PrivateKeyPem());
        }

        await using var origin = await TestOrigin.StartAsync();
        var current = 0;
        var max = 0;
        origin.Handler = async context =>
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while ((seen = Volatile.Read(ref max)) < now && Interlocked.CompareExchange(ref max, now, seen) != seen)
            {
            }

            await Task.Delay(200);
            Interlocked.Decrement(ref current);
            await context.Response.WriteAsync("ok");
        };
        await using var gateway = await TestGateway.StartAsync($$"""
            listen: ["https://127.0.0.1:0"]
            tls:
              certificates:
                - { cert_file: "{{Path.Combine(_dir, "c.crt")}}", key_file: "{{Path.Combine(_dir, "c.key")}}" }
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: none
            shield:
              transport:
                http2: { max_streams_per_connection: 2 }
            """);
        using var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false, SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var client = new HttpClient(handler) { BaseAddress = gateway.Address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync("/")));

        Assert.All(responses, r => Assert.Equal(HttpVersion.Version20, r.Version));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.InRange(Volatile.Read(ref max), 1, 2);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
