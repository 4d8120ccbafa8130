using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Rempart.Gateway.Pipeline;

/// <summary>
/// Whether a request is a protocol upgrade (WebSocket over HTTP/1.1 or HTTP/2) as the server sees
/// it — not whether it carries an <c>Upgrade</c> header, which any client can add to a plain GET.
/// </summary>
public static class UpgradeRequests
{
    public static bool IsUpgrade(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
}
