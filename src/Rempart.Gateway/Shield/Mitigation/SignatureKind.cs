namespace Rempart.Gateway.Shield.Mitigation;

/// <summary>The dimensions an attack signature can be made of.</summary>
public enum SignatureKind
{
    SourceIps,
    Prefixes,
    UserAgent,
    Ja4,
    HeaderOrder,
    Country,
    Asn,
}

public static class SignatureKindNames
{
    public static string Name(SignatureKind kind) => kind switch
    {
        SignatureKind.SourceIps => "source_ips",
        SignatureKind.Prefixes => "prefixes",
        SignatureKind.UserAgent => "user_agent",
        SignatureKind.Ja4 => "ja4",
        SignatureKind.HeaderOrder => "header_order",
        SignatureKind.Country => "country",
        SignatureKind.Asn => "asn",
        _ => kind.ToString(),
    };
}
