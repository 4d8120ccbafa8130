using Microsoft.AspNetCore.Server.Kestrel.Core;
using Rempart.Gateway.Configuration.Shield;

namespace Rempart.Gateway.Shield.Transport;

/// <summary>
/// Turns <c>shield.transport</c> into Kestrel's own limits. Kestrel enforces them in its parser and
/// timers (cheaper and earlier than any middleware could); <see cref="TransportLimitObserver"/>
/// counts each one that fires.
/// </summary>
public static class KestrelTransportLimits
{
    private const string RapidResetProperty = "Microsoft.AspNetCore.Server.Kestrel.Http2.MaxEnhanceYourCalmCount";
    private const string FlowControlQueueProperty = "Microsoft.AspNetCore.Server.Kestrel.Http2.MaxConnectionFlowControlQueueSize";

    public static void Apply(KestrelServerOptions kestrel, TransportGuardConfig t)
    {
        // Connection caps are enforced by ConnectionGuard (per IP as well as in total, hot-reloadable, counted).
        kestrel.Limits.MaxConcurrentConnections = null;
        kestrel.Limits.MaxConcurrentUpgradedConnections = null;
        if (!t.Enabled)
        {
            return;
        }

        var limits = kestrel.Limits;
        limits.MaxRequestLineSize = (int)Math.Min(t.MaxRequestLineSize.Bytes, int.MaxValue);
        limits.MaxRequestHeadersTotalSize = (int)Math.Min(t.MaxRequestHeaderSize.Bytes, int.MaxValue);
        limits.MaxRequestHeaderCount = t.MaxRequestHeaders;
        limits.RequestHeadersTimeout = t.RequestHeadersTimeout;
        limits.KeepAliveTimeout = t.KeepAliveTimeout;
        limits.MaxRequestBodySize = t.MaxBodySize.Bytes;
        limits.MinRequestBodyDataRate = t.MinRequestBodyRate > 0 ? new MinDataRate(t.MinRequestBodyRate, t.MinDataRateGrace) : null;
        limits.MinResponseDataRate = t.MinResponseDataRate > 0 ? new MinDataRate(t.MinResponseDataRate, t.MinDataRateGrace) : null;
        limits.Http2.MaxStreamsPerConnection = t.Http2.MaxStreamsPerConnection;

        // Kestrel reads its HTTP/2 abuse limits from AppContext once per process (static fields), so
        // they are set before the first HTTP/2 connection and a later value cannot change them.
        if (AppContext.GetData(RapidResetProperty) is null)
        {
            AppContext.SetData(RapidResetProperty, t.Http2.RapidResetLimit);
        }

        if (AppContext.GetData(FlowControlQueueProperty) is null)
        {
            AppContext.SetData(FlowControlQueueProperty, t.Http2.MaxFlowControlQueue);
        }
    }
}
