using Microsoft.AspNetCore.Http.Features;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Rempart.Gateway.Model;

namespace Rempart.Gateway.Pipeline;

/// <summary>
/// Establishes who the client is. The TCP peer is the client unless it is a configured trusted
/// proxy; then the forwarding chain is walked from the right, skipping trusted hops, and the first
/// untrusted address is the client. Forwarding headers and request ids from untrusted peers are
/// ignored, so a client cannot choose its own IP or reuse someone else's request id.
/// </summary>
internal sealed class ClientIdentityMiddleware(RequestDelegate next)
{
    private const int MaxRequestIdLength = 128;

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var rules = feature.Model.ClientIp;
        var headers = context.Request.Headers;
        var peer = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (peer.IsIPv4MappedToIPv6)
        {
            peer = peer.MapToIPv4();
        }

        var peerText = peer.ToString();
        var trusted = rules.TrustedProxies.Length > 0 && rules.IsTrusted(peer);
        feature.PeerTrusted = trusted;
        var chain = trusted ? headers[rules.ForwardedHeader] : default;
        if (chain.Count > 0)
        {
            feature.ClientIp = ResolveClient(chain, peer, rules);
            feature.ForwardedFor = string.Join(", ", chain.ToArray()) + ", " + peerText;
        }
        else
        {
            feature.ClientIp = peer;
            feature.ForwardedFor = peerText;
        }

        var proto = trusted ? headers["X-Forwarded-Proto"] : default;
        feature.ForwardedProto = proto.Count > 0 ? proto.ToString() : context.Request.Scheme;
        var host = trusted ? headers["X-Forwarded-Host"] : default;
        feature.ForwardedHost = host.Count > 0 ? host.ToString() : context.Request.Host.Value ?? "";
        var id = trusted ? headers[rules.RequestIdHeader] : default;
        feature.RequestId = IsAcceptableRequestId(id) ? id.ToString() : Guid.CreateVersion7().ToString("N");
        return next(context);
    }

    /// <summary>Right to left through the chain: the first address that is not a trusted proxy is the client.</summary>
    internal static IPAddress ResolveClient(StringValues chain, IPAddress peer, ClientIpModel rules)
    {
        var candidate = peer;
        for (var v = chain.Count - 1; v >= 0; v--)
        {
            var parts = (chain[v] ?? "").Split(',');
            for (var i = parts.Length - 1; i >= 0; i--)
            {
                if (!TryParseHop(parts[i].AsSpan().Trim(), out var hop))
                {
                    return candidate; // garbage in the chain: stop at the last address we could read
                }

                if (!rules.IsTrusted(hop))
                {
                    return hop;
                }

                candidate = hop;
            }
        }

        return candidate;
    }

    private static bool TryParseHop(ReadOnlySpan<char> text, out IPAddress address)
    {
        if (text.StartsWith("[") && text.IndexOf(']') is var close and > 0)
        {
            text = text[1..close]; // [v6]:port
        }
        else if (text.IndexOf(':') is var colon and > 0 && text.LastIndexOf(':') == colon)
        {
            text = text[..colon]; // v4:port
        }

        if (IPAddress.TryParse(text, out address!))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            return true;
        }

        return false;
    }

    private static bool IsAcceptableRequestId(StringValues value)
    {
        if (value.Count != 1 || value[0] is not { Length: > 0 and <= MaxRequestIdLength } s)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.' and not ':')
            {
                return false;
            }
        }

        return true;
    }
}
