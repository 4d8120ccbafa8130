using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Geo;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>asn_match: the client's autonomous system is one of the numbers; labels the request rempart:geo:asn:N.</summary>
public sealed class AsnMatchStatement(HashSet<long> asns, ForwardedIpConfig? forwarded, GeoLookup geo) : IWafStatement
{
    public bool NeedsBody => false;

    public bool Matches(WafEvaluationContext context)
    {
        foreach (var ip in GeoMatchStatement.Addresses(context.Request, forwarded))
        {
            if (geo.Asn(ip) is not { } asn)
            {
                continue;
            }

            context.AddLabel("rempart:geo:asn:" + asn);
            if (asns.Contains(asn))
            {
                context.LastMatch = new MatchDetail("asn_match", forwarded is null ? "client_ip" : $"header:{forwarded.Header}", ip.ToString(), "none", $"AS{asn}");
                return true;
            }
        }

        return forwarded is not null && forwarded.Fallback == ForwardedIpFallback.Match && !GeoMatchStatement.Addresses(context.Request, forwarded).Any();
    }
}
