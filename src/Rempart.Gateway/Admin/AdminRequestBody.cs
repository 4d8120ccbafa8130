using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Rempart.Gateway.Admin;

/// <summary>
/// Reads an admin API request's JSON body, one way for every endpoint: at most <c>maxBytes</c> — counted
/// on the bytes read, so a chunked body without Content-Length is bounded too — then parsed with the
/// API's conventions. The problem to answer (413, 400 with the parser's message) is returned instead of a body.
/// </summary>
internal static class AdminRequestBody
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, string what)
        where T : class
    {
        var tooLarge = ProblemDetailsWriter.Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"A request body larger than {maxBytes / 1024} KiB is not accepted.");
        if (request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, tooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return (buffer.Length == 0 ? null : JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), AdminJson.Options), null);
        }
        catch (JsonException e)
        {
            return (null, ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Bad JSON", $"The body is not {what}: {e.Message}"));
        }
    }
}
