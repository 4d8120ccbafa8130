namespace Rempart.Gateway.Configuration;

public sealed record TlsConfig
{
    [ConfigDoc("PEM certificates; the first one is served when no other matches the SNI name.")]
    [RequiredKey]
    public IReadOnlyList<CertificateConfig> Certificates { get; init; } = [];
}
