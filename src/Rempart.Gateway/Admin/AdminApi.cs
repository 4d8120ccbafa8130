using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Hosting;
using Rempart.Gateway.Observability;
using Rempart.Gateway.Proxy;

namespace Rempart.Gateway.Admin;

/// <summary>The admin API's routes. Thin: each one reads or asks the <see cref="GatewayHost"/>, nothing more.</summary>
internal static class AdminApi
{
    private const int MaxConfigBytes = 4 * 1024 * 1024;

    public static void Map(WebApplication app, GatewayHost host)
    {
        app.UseMiddleware<AdminAuthMiddleware>(host.AdminToken!);
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }, AdminJson.Options));
        app.MapGet("/metrics", () => Results.Text(host.Exporter.Render(), PrometheusExporter.ContentType));

        var api = app.MapGroup("/api/v1");
        api.MapGet("/status", () => Results.Json(Status(host), AdminJson.Options));
        api.MapGet("/config", (HttpContext context) => GetConfig(context, host));
        api.MapPost("/config/validate", (HttpRequest request) => ValidateAsync(request));
        api.MapPost("/config/reload", async () =>
        {
            var outcome = await host.ReloadAsync().ConfigureAwait(false);
            return outcome.Errors.Count > 0 && !outcome.Unchanged
                ? ProblemDetailsWriter.Problem(StatusCodes.Status422UnprocessableEntity, "Config rejected", "The file has errors; the running config stays.", new { errors = outcome.Errors })
                : Results.Json(outcome, AdminJson.Options);
        });
        api.MapGet("/origins", () => Results.Json(Origins(host), AdminJson.Options));
        api.MapGet("/web-acls", () => Results.Json(host.State.Current.WebAcls.Values.Select(a => new
        {
            name = a.Name,
            default_action = a.DefaultAction.Name,
            body_limit = a.BodyLimit,
            rules = a.Entries.Select(e => new { name = e.Name, priority = e.Priority, group = e.GroupRules?.Select(r => r.Id), action = e.Rule?.Action.Name, count_only = e.CountOnly }),
        }), AdminJson.Options));
        api.MapGet("/web-acls/{name}/sampled", (string name) => host.State.Current.WebAcls.ContainsKey(name)
            ? Results.Json(host.Samples.For(name), AdminJson.Options)
            : ProblemDetailsWriter.Problem(StatusCodes.Status404NotFound, "Not found", $"No web ACL named '{name}'."));
        api.MapGet("/events", async (long? after, int? limit, string? type, string? request_id) =>
        {
            var list = request_id is not null
                ? (await host.Store.FindEventsByRequestIdAsync(request_id).ConfigureAwait(false)).Where(e => type is null || e.Type == type).ToList()
                : await host.Store.ListEventsAsync(after ?? 0, Math.Clamp(limit ?? 100, 1, 1000), type).ConfigureAwait(false);
            return Results.Json(list.Select(e => new { id = e.Id, time = e.Time, type = e.Type, request_id = e.RequestId, client_ip = e.ClientIp, route = e.Route, data = System.Text.Json.JsonDocument.Parse(e.Data).RootElement }), AdminJson.Options);
        });
        DecisionsApi.Map(api, host);
        IpSetsApi.Map(api, host);
        Cache.CacheAdminApi.Map(api, host);
        AttackApi.Map(api, host);
        app.MapFallback(() => ProblemDetailsWriter.Problem(StatusCodes.Status404NotFound, "Not found", "No such admin endpoint; see docs/admin-api.md."));
    }

    private static object Status(GatewayHost host)
    {
        var model = host.State.Current;
        return new
        {
            version = typeof(AdminApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
            started_at = host.StartedAt,
            uptime_seconds = (long)(DateTimeOffset.UtcNow - host.StartedAt).TotalSeconds,
            config = new { path = host.ConfigPath ?? EmbeddedDefaultConfig.FileName, generation = model.Generation, hash = model.Hash, loaded_at = model.LoadedAt },
            last_reload = host.State.LastReload,
            listeners = host.GatewayAddresses,
            data_dir = host.DataDirectory,
            routes = model.Routes.All.Count,
            origins = model.Config.Origins.Count,
        };
    }

    private static IResult GetConfig(HttpContext context, GatewayHost host)
    {
        var model = host.State.Current;
        var etag = $"\"{model.Hash}\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.ToString().Split(',').Any(v => v.Trim() == etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Json(new
        {
            generation = model.Generation,
            hash = model.Hash,
            loaded_at = model.LoadedAt,
            path = host.ConfigPath ?? EmbeddedDefaultConfig.FileName,
            last_reload = host.State.LastReload,
            effective = model.Config,
            yaml = model.ConfigText,
        }, AdminJson.Options);
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxConfigBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (read > MaxConfigBytes)
        {
            return ProblemDetailsWriter.Problem(StatusCodes.Status413PayloadTooLarge, "Too large", "A config larger than 4 MiB is not accepted.");
        }

        var result = ConfigLoader.LoadText(new string(buffer, 0, read), "request body", Directory.GetCurrentDirectory());
        return result.IsValid
            ? Results.Json(new { valid = true, hash = result.Hash }, AdminJson.Options)
            : ProblemDetailsWriter.Problem(StatusCodes.Status422UnprocessableEntity, "Invalid config", $"The config has {result.Errors.Count} error(s).", new
            {
                valid = false,
                errors = result.Errors.Select(e => new { line = e.Line, column = e.Column, path = e.Path, message = e.Message, fix = e.Fix, text = e.ToString() }),
            });
    }

    private static object Origins(GatewayHost host)
    {
        var now = DateTimeOffset.UtcNow;
        var config = host.State.Current.Config;
        var pools = host.Origins.Pools.ToDictionary(p => p.Name);
        return config.Origins.Select(o => o.Value.Failover is { } f
            ? (object)new { name = o.Key, kind = "group", primary = f.Primary, secondary = f.Secondary, failover_statuses = f.Statuses }
            : new
            {
                name = o.Key,
                kind = "pool",
                load_balancing = o.Value.LoadBalancing,
                healthy = pools.TryGetValue(o.Key, out var p) && p.HasHealthyTarget(),
                targets = pools.TryGetValue(o.Key, out var pool) ? pool.Targets.Select(t => Target(t, now)) : [],
            }).ToList();
    }

    private static object Target(TargetState t, DateTimeOffset now) => new
    {
        url = t.Prefix,
        healthy = t.IsHealthy(now),
        active_healthy = t.ActiveHealthy,
        passively_ejected = t.IsPassivelyEjected(now),
        in_flight = t.InFlight,
        last_probe = t.LastProbe,
        last_probe_error = t.LastProbeError,
    };
}
