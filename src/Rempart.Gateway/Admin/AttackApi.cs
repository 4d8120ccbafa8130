using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rempart.Gateway.Hosting;
using Rempart.Gateway.Shield;
using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Admin;

/// <summary>
/// Attack events and under-attack mode: <c>GET /api/v1/attacks</c>, <c>GET /api/v1/attacks/{id}</c>
/// (open attacks are served live, closed ones from the state store), and
/// <c>GET|PUT /api/v1/shield/under-attack</c>.
/// </summary>
internal static class AttackApi
{
    public static void Map(RouteGroupBuilder api, GatewayHost host)
    {
        api.MapGet("/attacks", async (int? limit) =>
        {
            var live = host.Attacks.Detector.OpenAttacks(DateTimeOffset.UtcNow).ToDictionary(a => a.Id);
            var stored = await host.Store.ListAttacksAsync(Math.Clamp(limit ?? 100, 1, 1000)).ConfigureAwait(false);
            var list = stored.Select(r => live.Remove(r.Id, out var open) ? open : (object?)AttackRecorder.FromRecord(r) ?? Raw(r.Data)).ToList();
            list.InsertRange(0, live.Values);
            return Results.Json(list, AdminJson.Options);
        });
        api.MapGet("/attacks/{id}", async (string id) =>
        {
            if (host.Attacks.Detector.OpenAttacks(DateTimeOffset.UtcNow).FirstOrDefault(a => a.Id == id) is { } open)
            {
                return Results.Json(open, AdminJson.Options);
            }

            return await host.Store.GetAttackAsync(id).ConfigureAwait(false) is { } record
                ? Results.Json((object?)AttackRecorder.FromRecord(record) ?? Raw(record.Data), AdminJson.Options)
                : ProblemDetailsWriter.Problem(StatusCodes.Status404NotFound, "Not found", $"No attack event with id '{id}'.");
        });
        api.MapGet("/shield/under-attack", () => Results.Json(UnderAttack(host), AdminJson.Options));
        api.MapPut("/shield/under-attack", async (HttpRequest request) =>
        {
            var (body, problem) = await AdminRequestBody.ReadAsync<UnderAttackRequest>(request, 4096, "an under-attack switch").ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }

            if (body?.Enabled is not { } enabled)
            {
                return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Bad request", "Send {\"enabled\": true|false} and optionally \"route\": NAME.");
            }

            if (body.Route is { } route && host.Attacks.Detector.For(route) is null)
            {
                return ProblemDetailsWriter.Problem(StatusCodes.Status404NotFound, "Not found", $"No route named '{route}'. Route names are shown by GET /api/v1/status and in rempart_ddos_detected.");
            }

            await host.Attacks.SetUnderAttackAsync(host.Store, body.Route, enabled, "admin-api").ConfigureAwait(false);
            return Results.Json(UnderAttack(host), AdminJson.Options);
        });
    }

    private static object UnderAttack(GatewayHost host)
    {
        var manual = host.Attacks.Manual;
        var monitors = host.Attacks.Detector.Monitors.Where(m => m.Route != AttackDetector.TransportRoute).ToList();
        return new
        {
            all = manual.All,
            config = host.State.Current.Config.Shield.UnderAttack.Enabled,
            routes = manual.Routes,
            automatic = monitors.Where(m => m.UnderAttack).Select(m => m.Route).ToList(),
            active = monitors.Where(m => host.Attacks.UnderAttack(m)).Select(m => m.Route).ToList(),
        };
    }

    private static JsonElement Raw(string data) => JsonDocument.Parse(data).RootElement.Clone();

    private sealed record UnderAttackRequest(bool? Enabled, string? Route);
}
