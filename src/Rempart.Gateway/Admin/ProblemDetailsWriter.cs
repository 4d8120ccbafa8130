using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Rempart.Gateway.Admin;

/// <summary>RFC 9457 problem details (application/problem+json) for every admin API error.</summary>
internal static class ProblemDetailsWriter
{
    public static IResult Problem(int status, string title, string detail, object? extensions = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (extensions is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extensions, AdminJson.Options).EnumerateObject())
            {
                body[p.Name] = p.Value;
            }
        }

        return Results.Json(body, AdminJson.Options, "application/problem+json", status);
    }

    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { type = "about:blank", title, status, detail }, AdminJson.Options));
    }
}
