namespace Rempart.Gateway.Configuration;

public sealed record CertificateConfig
{
    [ConfigDoc("PEM file with the certificate (and its chain).")]
    [RequiredKey]
    public string CertFile { get; init; } = "";

    [ConfigDoc("PEM file with the private key.")]
    [RequiredKey]
    public string KeyFile { get; init; } = "";

    [ConfigDoc("SNI names this certificate serves (exact or *.example.com). Empty: the names in the certificate.")]
    public IReadOnlyList<string> Hosts { get; init; } = [];
}
