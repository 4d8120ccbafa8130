using System.Net;
using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Geo;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// geo_match: the client's country is one of the codes. As AWS does, evaluating it labels the
/// request with the country (rempart:geo:country:XX) whether it matches or not.
/// </summary>
public sealed class GeoMatchStatement(HashSet<string> countries, ForwardedIpConfig? forwarded, GeoLookup geo) : IWafStatement
{
    public bool NeedsBody => false;

    public bool Matches(WafEvaluationContext context)
    {
        foreach (var ip in Addresses(context.Request, forwarded))
        {
            var country = geo.Country(ip);
            if (country is null)
            {
                continue;
            }

            context.AddLabel("rempart:geo:country:" + country);
            if (countries.Contains(country))
            {
                context.LastMatch = new MatchDetail("geo_match", forwarded is null ? "client_ip" : $"header:{forwarded.Header}", ip.ToString(), "none", $"country {country}");
                return true;
            }
        }

        return forwarded is not null && forwarded.Fallback == ForwardedIpFallback.Match && !Addresses(context.Request, forwarded).Any();
    }

    internal static IEnumerable<IPAddress> Addresses(WafRequest request, ForwardedIpConfig? forwarded) =>
        forwarded is null ? [request.ClientIp] : ForwardedIp.Candidates(request.Header(forwarded.Header), forwarded.Position);
}
