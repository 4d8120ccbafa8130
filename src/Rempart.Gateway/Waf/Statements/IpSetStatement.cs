using System.Net;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>ip_set: the client IP — or an address from a header, with forwarded_ip — is in a named set (its config CIDRs or the entries added at run time).</summary>
public sealed class IpSetStatement(string name, IpPrefixSet set, IpSets.RuntimeIpSet? runtime, ForwardedIpConfig? forwarded) : IWafStatement
{
    public bool NeedsBody => false;

    public bool Matches(WafEvaluationContext context)
    {
        if (forwarded is null)
        {
            return Record(context, context.Request.ClientIp);
        }

        var header = context.Request.Header(forwarded.Header);
        var candidates = ForwardedIp.Candidates(header, forwarded.Position);
        if (candidates.Count == 0)
        {
            return forwarded.Fallback == ForwardedIpFallback.Match;
        }

        foreach (var ip in candidates)
        {
            if (Record(context, ip))
            {
                return true;
            }
        }

        return false;
    }

    private bool Record(WafEvaluationContext context, IPAddress ip)
    {
        if (!set.Contains(ip) && runtime?.Contains(ip) != true)
        {
            return false;
        }

        context.LastMatch = new MatchDetail("ip_set", forwarded is null ? "client_ip" : $"header:{forwarded.Header}", ip.ToString(), "none", $"in IP set {name}");
        return true;
    }
}
