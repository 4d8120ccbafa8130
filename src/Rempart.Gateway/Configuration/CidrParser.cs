using System.Net;

namespace Rempart.Gateway.Configuration;

/// <summary>IPv4/IPv6 CIDRs as operators write them; a bare address is a /32 or /128.</summary>
public static class CidrParser
{
    public static bool TryParse(string text, out IPNetwork network)
    {
        var s = text.Trim();
        if (!s.Contains('/') && IPAddress.TryParse(s, out var single))
        {
            network = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(s, out network);
    }
}
