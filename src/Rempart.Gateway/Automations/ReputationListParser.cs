using System.Net;
using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Automations;

/// <summary>
/// Reads the block-list formats AWS's IP-lists parser reads: Spamhaus DROP/EDROP
/// (<c>1.10.16.0/20 ; SBL256894</c>, <c>;</c> comments), Tor <c>exit-addresses</c> (the address of
/// each <c>ExitAddress</c> line), Emerging Threats block lists and plain lists (an address or CIDR
/// per line, <c>#</c> comments). Validates as it reads: entries wider than the decision policy
/// allows (a list that says <c>0.0.0.0/0</c> would refuse everyone) are dropped and counted, and a
/// body that is mostly not addresses (an HTML error page, a captive portal) is garbage.
/// </summary>
public static class ReputationListParser
{
    public const int MaxEntries = 1_000_000;

    public static ReputationParseResult Parse(string format, string text, int minPrefixV4, int minPrefixV6)
    {
        var networks = new List<IPNetwork>();
        int candidates = 0, invalid = 0, tooBroad = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            string token;
            if (format == "tor_exit_addresses")
            {
                if (!line.StartsWith("ExitAddress ", StringComparison.Ordinal))
                {
                    continue; // ExitNode, Published, LastStatus lines carry no address
                }

                token = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "";
            }
            else
            {
                var end = line.IndexOfAny([' ', '\t', ';', '#']);
                token = end < 0 ? line : line[..end];
            }

            candidates++;
            if (!CidrParser.TryParse(token, out var network) || network.BaseAddress.ToString().Contains('%'))
            {
                invalid++;
                continue;
            }

            var v4 = network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            if (network.PrefixLength < (v4 ? minPrefixV4 : minPrefixV6))
            {
                tooBroad++;
                continue;
            }

            if (networks.Count >= MaxEntries)
            {
                return ReputationParseResult.Failed($"more than {MaxEntries:N0} entries");
            }

            networks.Add(network);
        }

        if (networks.Count == 0)
        {
            return ReputationParseResult.Failed(candidates == 0 ? "the list is empty" : $"none of its {candidates} lines is an address or CIDR");
        }

        if (invalid * 2 > candidates)
        {
            return ReputationParseResult.Failed($"{invalid} of {candidates} lines are not addresses: not a {format} list");
        }

        return new ReputationParseResult(networks, invalid, tooBroad, null);
    }
}
