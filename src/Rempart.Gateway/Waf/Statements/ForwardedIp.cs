using System.Net;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>Reads addresses from a forwarding header as AWS's forwarded-IP option does: first, last, or any entry.</summary>
public static class ForwardedIp
{
    public static IReadOnlyList<IPAddress> Candidates(string? header, ForwardedIpPosition position)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return [];
        }

        var parts = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var picked = position switch
        {
            ForwardedIpPosition.First => parts.Take(1),
            ForwardedIpPosition.Last => parts.TakeLast(1),
            _ => parts,
        };
        var list = new List<IPAddress>();
        foreach (var p in picked)
        {
            if (IPAddress.TryParse(p, out var ip))
            {
                list.Add(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
            }
        }

        return list;
    }
}
