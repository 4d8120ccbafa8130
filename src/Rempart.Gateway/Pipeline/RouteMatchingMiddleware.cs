using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;

namespace Rempart.Gateway.Pipeline;

/// <summary>Finds the first route whose hosts and paths match; a request no route takes gets a branded 404.</summary>
internal sealed class RouteMatchingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var route = feature.Model.Routes.Match(context.Request.Host.Host, context.Request.Path.Value ?? "/");
        if (route is null)
        {
            feature.Error = "no_route";
            return ErrorPageWriter.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "No site is configured for this address.");
        }

        feature.Route = route;
        feature.OriginName = route.Origin.Name;
        return next(context);
    }
}
