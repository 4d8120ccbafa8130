using System.Net;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Operators;

/// <summary>
/// <c>@ipMatch 10.0.0.0/8,192.168.1.1,2001:db8::/32</c> — the value is an IP address inside one of the
/// listed addresses or CIDR ranges (IPv4 and IPv6). Example: <c>SecRule REMOTE_ADDR "@ipMatch 127.0.0.1,::1"</c>.
/// </summary>
internal sealed class IpMatchOperator : IOperator
{
    private readonly List<IPNetwork> _networks = [];

    public IpMatchOperator(OperatorContext context)
        : this(context.Argument.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
    {
    }

    internal IpMatchOperator(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            var text = entry.Trim();
            if (!text.Contains('/'))
            {
                text += text.Contains(':') ? "/128" : "/32";
            }

            if (!IPNetwork.TryParse(text, out var network))
            {
                // Non-canonical CIDRs (host bits set) are accepted as ModSecurity does: mask them.
                var slash = text.IndexOf('/');
                if (!IPAddress.TryParse(text[..slash], out var address) || !int.TryParse(text[(slash + 1)..], out var prefix))
                {
                    throw new SecLangException($"invalid IP address or range '{entry}'");
                }

                network = new IPNetwork(Mask(address, prefix), prefix);
            }

            _networks.Add(network);
        }
    }

    public bool Evaluate(Transaction transaction, string input)
    {
        if (!IPAddress.TryParse(input.Trim(), out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xff << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
