using System.Net;

namespace Rempart.Gateway.Model;

/// <summary>Compiled client-IP rules: which peers may tell us who the client is, and through which headers.</summary>
public sealed class ClientIpModel(IPNetwork[] trustedProxies, string forwardedHeader, string requestIdHeader)
{
    public IPNetwork[] TrustedProxies { get; } = trustedProxies;

    public string ForwardedHeader { get; } = forwardedHeader;

    public string RequestIdHeader { get; } = requestIdHeader;

    public bool IsTrusted(IPAddress address)
    {
        foreach (var network in TrustedProxies)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
