namespace Rempart.Gateway.Configuration;

/// <summary>Operator-supplied MaxMind-format databases (GeoLite2/GeoIP2, DB-IP) for geo_match and asn_match.</summary>
public sealed record GeoConfig
{
    [ConfigDoc("An mmdb with country data (GeoLite2-Country, GeoLite2-City, DB-IP Country …).")]
    public string? Database { get; init; }

    [ConfigDoc("An mmdb with autonomous_system_number (GeoLite2-ASN, DB-IP ASN …); default: the database above.")]
    public string? AsnDatabase { get; init; }
}
