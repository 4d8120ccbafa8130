using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Rempart.Gateway.Automations;
using Rempart.Gateway.Decisions;
using Rempart.Gateway.Hosting;

namespace Rempart.Gateway.Admin;

/// <summary>
/// <c>/api/v1/decisions</c>: list (filters, paging), add, delete by id or scope; and <c>/api/v1/audit</c>.
/// Each change is made through the <see cref="DecisionService"/>, which persists and audits it; the
/// actor is the <c>X-Rempart-Actor</c> header (the CLI sends user@host) or <c>admin-api</c>.
/// </summary>
internal static class DecisionsApi
{
    private const int MaxBodyBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder api, GatewayHost host)
    {
        api.MapGet("/decisions", (HttpRequest request) => List(request, host));
        api.MapPost("/decisions", (HttpRequest request) => AddAsync(request, host));
        api.MapDelete("/decisions/{id}", async (string id, HttpRequest request) => await RemoveAsync(id, request, host).ConfigureAwait(false));
        api.MapDelete("/decisions", async (HttpRequest request) => request.Query["scope"].ToString() is { Length: > 0 } scope
            ? await RemoveAsync(scope, request, host).ConfigureAwait(false)
            : ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Missing scope", "Write DELETE /api/v1/decisions/{id} or DELETE /api/v1/decisions?scope=203.0.113.7."));
        api.MapGet("/audit", async (int? limit) =>
        {
            var records = await host.Store.ListAuditAsync(Math.Clamp(limit ?? 100, 1, 1000)).ConfigureAwait(false);
            return Results.Json(records.Select(r => new { id = r.Id, time = r.Time, actor = r.Actor, action = r.Action, detail = JsonDocument.Parse(IsJson(r.Detail) ? r.Detail : JsonSerializer.Serialize(r.Detail)).RootElement }), AdminJson.Options);
        });
    }

    private static IResult List(HttpRequest request, GatewayHost host)
    {
        var q = request.Query;
        DecisionAction? action = null;
        if (q["action"].ToString() is { Length: > 0 } a)
        {
            if (!ActiveDecision.TryParseAction(a, out var parsed))
            {
                return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Bad filter", $"'{a}' is not an action: write ban, challenge or throttle.");
            }

            action = parsed;
        }

        var query = new DecisionQuery
        {
            Action = action,
            Source = q["source"].ToString() is { Length: > 0 } s ? s : null,
            ScopeType = q["scope_type"].ToString() is { Length: > 0 } t ? t : null,
            Ip = q["ip"].ToString() is { Length: > 0 } ip ? ip : null,
            Offset = int.TryParse(q["offset"], out var offset) ? Math.Max(0, offset) : 0,
            Limit = int.TryParse(q["limit"], out var limit) ? Math.Clamp(limit, 1, 1000) : 100,
        };
        var (page, total) = host.Decisions.List(query);
        return Results.Json(new { total, offset = query.Offset, limit = query.Limit, items = page.Select(View) }, AdminJson.Options);
    }

    private static async Task<IResult> AddAsync(HttpRequest request, GatewayHost host)
    {
        var (body, problem) = await AdminRequestBody.ReadAsync<AddDecisionBody>(request, MaxBodyBytes, "a decision").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.Scope is null)
        {
            return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Missing scope", "Send {\"scope\": \"203.0.113.7\", \"action\": \"ban\", \"duration\": \"4h\", \"reason\": \"…\"}.");
        }

        if (!ActiveDecision.TryParseAction(body.Action ?? "ban", out var action))
        {
            return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Bad action", $"'{body.Action}' is not an action: write ban, challenge or throttle.");
        }

        TimeSpan? duration = null;
        if (body.Duration is { } text && !BanLength.TryParse(text, out duration))
        {
            return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Bad duration", $"'{text}' is not a duration: write 4h, 30m, 7d or forever.");
        }

        var outcome = await host.Decisions.AddAsync(new DecisionRequest(body.Scope, action, duration, body.Reason ?? "", body.Source ?? "operator"), Actor(request), request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (!outcome.Accepted)
        {
            var refusal = JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.Refusal.ToString());
            return ProblemDetailsWriter.Problem(StatusCodes.Status422UnprocessableEntity, "Decision refused", outcome.Problem!, new { refusal });
        }

        return Results.Json(new { unchanged = outcome.Unchanged, decision = View(outcome.Decision!) }, AdminJson.Options, statusCode: outcome.Unchanged ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveAsync(string idOrScope, HttpRequest request, GatewayHost host)
    {
        var reason = request.Query["reason"].ToString();
        var removed = await host.Decisions.RemoveAsync(idOrScope, Actor(request), reason.Length > 0 ? reason[..Math.Min(reason.Length, 512)] : "lifted by the operator", request.HttpContext.RequestAborted).ConfigureAwait(false);
        return removed is null
            ? ProblemDetailsWriter.Problem(StatusCodes.Status404NotFound, "Not found", $"No active decision has the id or scope '{idOrScope}'.")
            : Results.Json(new { removed = View(removed) }, AdminJson.Options);
    }

    internal static string Actor(HttpRequest request)
    {
        var actor = request.Headers["X-Rempart-Actor"].ToString();
        return actor.Length is > 0 and <= 128 && actor.All(c => c is > ' ' and < (char)127) ? "admin-api:" + actor : "admin-api";
    }

    private static bool IsJson(string text) => text.StartsWith('{') || text.StartsWith('[');

    private static object View(ActiveDecision d) => new
    {
        id = d.Id,
        scope_type = d.Record.ScopeType,
        scope = d.Record.Scope,
        action = d.Record.Action,
        reason = d.Record.Reason,
        source = d.Record.Source,
        created_at = d.Record.CreatedAt,
        expires_at = d.Record.ExpiresAt,
    };

    private sealed record AddDecisionBody(string? Scope, string? Action, string? Duration, string? Reason, string? Source);
}
