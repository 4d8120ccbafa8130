using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Rempart.Gateway.Pipeline;

/// <summary>
/// Refuses request targets that RFC 9112 does not allow but Kestrel lets through: control
/// characters (0x00–0x1F, 0x7F). Origins parse such targets in surprising ways (request smuggling,
/// log injection), so they get a 400 here and never reach one.
/// </summary>
internal sealed class RequestTargetValidationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        foreach (var c in target)
        {
            if (c < 0x20 || c == 0x7F)
            {
                context.Features.GetRequiredFeature<GatewayRequestFeature>().Error = "bad_request_target";
                return ErrorPageWriter.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad request", "The request target contains characters that are not allowed.");
            }
        }

        return next(context);
    }
}
