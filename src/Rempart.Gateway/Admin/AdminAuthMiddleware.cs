using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Hosting;

namespace Rempart.Gateway.Admin;

/// <summary>
/// Every admin path except /healthz needs <c>Authorization: Bearer &lt;token&gt;</c>. A missing or wrong
/// token gets 401 with a problem document and nothing else happens; the presented token is never logged.
/// </summary>
internal sealed class AdminAuthMiddleware(RequestDelegate next, AdminToken token)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Equals("/healthz", StringComparison.Ordinal))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && token.Matches(header.AsSpan(scheme.Length).Trim()))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"rempart-admin\"";
        return ProblemDetailsWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            header.Length == 0 ? "Send the admin token as 'Authorization: Bearer <token>'." : "The admin token is not valid.");
    }
}
