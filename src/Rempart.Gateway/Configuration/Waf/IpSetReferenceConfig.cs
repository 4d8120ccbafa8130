namespace Rempart.Gateway.Configuration.Waf;

/// <summary><c>ip_set: office</c>, or with options <c>{ name: office, forwarded_ip: { header: X-Client-IP } }</c>.</summary>
public sealed record IpSetReferenceConfig : IScalarForm<IpSetReferenceConfig>
{
    [ConfigDoc("Name of a set under ip_sets.")]
    [RequiredKey]
    public string Name { get; init; } = "";

    [ConfigDoc("Match an address from a header instead of the client IP.")]
    public ForwardedIpConfig? ForwardedIp { get; init; }

    public static IReadOnlyList<string> ScalarForms { get; } = [];

    public static IpSetReferenceConfig? FromScalar(string text) => text.Length > 0 ? new IpSetReferenceConfig { Name = text } : null;
}
