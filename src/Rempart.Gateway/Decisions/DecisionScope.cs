using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Decisions;

/// <summary>
/// A parsed decision scope as operators write it: <c>203.0.113.7</c>, <c>2001:db8::1</c>,
/// <c>198.51.100.0/24</c>, <c>country:FR</c>, <c>asn:64500</c>. <see cref="Text"/> is the canonical
/// form (host bits cleared, IPv4-mapped IPv6 folded to IPv4, upper-case country) and the key under
/// which one scope holds at most one decision.
/// </summary>
public readonly record struct DecisionScope(DecisionScopeKind Kind, string Text, IPNetwork Network, string? Country, long Asn)
{
    public string KindName => Kind switch
    {
        DecisionScopeKind.Ip => "ip",
        DecisionScopeKind.Cidr => "cidr",
        DecisionScopeKind.Country => "country",
        _ => "asn",
    };

    public static bool TryParse(string? text, out DecisionScope scope, out string problem)
    {
        scope = default;
        var s = (text ?? "").Trim();
        problem = "";
        if (s.Length == 0 || s.Length > 64)
        {
            problem = "the scope is empty or too long";
            return false;
        }

        if (s.StartsWith("country:", StringComparison.OrdinalIgnoreCase))
        {
            var code = s[8..].ToUpperInvariant();
            if (code.Length != 2 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiLetterUpper(code[1]))
            {
                problem = $"'{s}' is not a country: write country:FR (an ISO 3166 two-letter code)";
                return false;
            }

            scope = new DecisionScope(DecisionScopeKind.Country, "country:" + code, default, code, 0);
            return true;
        }

        if (s.StartsWith("asn:", StringComparison.OrdinalIgnoreCase))
        {
            var digits = s[4..];
            if (digits.StartsWith("AS", StringComparison.OrdinalIgnoreCase))
            {
                digits = digits[2..];
            }

            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var asn) || asn is <= 0 or > uint.MaxValue)
            {
                problem = $"'{s}' is not an ASN: write asn:64500";
                return false;
            }

            scope = new DecisionScope(DecisionScopeKind.Asn, "asn:" + asn.ToString(CultureInfo.InvariantCulture), default, null, asn);
            return true;
        }

        var slash = s.IndexOf('/');
        var addressText = slash < 0 ? s : s[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%'))
        {
            problem = $"'{s}' is not an IP address, a CIDR, country:CC or asn:N";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = bits;
        if (slash >= 0 && (!int.TryParse(s.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > bits))
        {
            problem = $"'{s}' has an invalid prefix length (0 to {bits})";
            return false;
        }

        var network = new IPNetwork(IpNumber.ToAddress(IpNumber.Mask(IpNumber.From(address), length, bits), bits), length);
        scope = length == bits
            ? new DecisionScope(DecisionScopeKind.Ip, network.BaseAddress.ToString(), network, null, 0)
            : new DecisionScope(DecisionScopeKind.Cidr, network.ToString(), network, null, 0);
        return true;
    }

    /// <summary>True when this scope and <paramref name="network"/> share at least one address.</summary>
    public bool Overlaps(IPNetwork network) =>
        Kind is DecisionScopeKind.Ip or DecisionScopeKind.Cidr &&
        Network.BaseAddress.AddressFamily == network.BaseAddress.AddressFamily &&
        (Network.Contains(network.BaseAddress) || network.Contains(Network.BaseAddress));
}
