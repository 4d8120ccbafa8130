using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 offering STARTTLS with a self-signed
/// certificate and AUTH, recording each message as parsed MIME and each login attempt.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TestSmtpServer(int port, string user, string password)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AllowUnsecureAuthentication(false)
                .AuthenticationRequired(true)
                .Certificate(SelfSigned()))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Authenticator(this, user, password));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    public ConcurrentQueue<(string User, bool Accepted)> Logins { get; } = new();

    public static TestSmtpServer Start(string user, string password) => new(TestPorts.Free(), user, password);

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            owner.Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator(TestSmtpServer owner, string user, string password) : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string u, string p, CancellationToken cancellationToken)
        {
            var ok = u == user && p == password;
            owner.Logins.Enqueue((u, ok));
            return Task.FromResult(ok);
        }
    }
}
