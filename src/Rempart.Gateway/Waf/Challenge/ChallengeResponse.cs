using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Pipeline;

namespace Rempart.Gateway.Waf.Challenge;

/// <summary>
/// The one way the gateway answers with a challenge, whoever asks for it (a WAF rule, a decision,
/// a DDoS mitigation): 202, never cached, the request id, a marker header for scripts and the
/// proof-of-work page with a seed bound to the client's IP and user agent.
/// </summary>
public static class ChallengeResponse
{
    public static Task WriteAsync(HttpContext context, ChallengeService challenges, GatewayRequestFeature feature, string userAgent, int difficulty, TimeSpan immunity)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers[feature.Model.ClientIp.RequestIdHeader] = feature.RequestId;
        response.Headers["X-Rempart-Challenge"] = "1";
        var seed = challenges.NewSeed(feature.ClientIp, userAgent, difficulty);
        return response.WriteAsync(ChallengePage.Html(seed, difficulty, immunity, feature.RequestId));
    }
}
