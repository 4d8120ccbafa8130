using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rempart.Caching.Invalidation;
using Rempart.Gateway.Admin;
using Rempart.Gateway.Hosting;

namespace Rempart.Gateway.Cache;

/// <summary>
/// The cache's admin endpoints: <c>POST /api/v1/cache/invalidations</c> (paths with a trailing
/// <c>*</c>, surrogate keys, or everything; applied on this node before the answer and recorded in
/// the audit trail), <c>GET /api/v1/cache/invalidations</c> (the recorded ones) and
/// <c>GET /api/v1/cache/stats</c>.
/// </summary>
internal static class CacheAdminApi
{
    private const string AuditAction = "cache.invalidate";
    private const int MaxBodyBytes = 1024 * 1024;
    private const int MaxItems = 3000;

    public static void Map(RouteGroupBuilder api, GatewayHost host)
    {
        api.MapPost("/cache/invalidations", (HttpRequest request) => InvalidateAsync(request, host));
        api.MapGet("/cache/invalidations", async (int? limit) =>
        {
            var records = await host.Store.ListAuditAsync(Math.Clamp(limit ?? 100, 1, 1000) * 4).ConfigureAwait(false);
            return Results.Json(records.Where(r => r.Action == AuditAction).Take(limit ?? 100)
                .Select(r => new { id = r.Id, time = r.Time, actor = r.Actor, detail = JsonDocument.Parse(r.Detail).RootElement }), AdminJson.Options);
        });
        api.MapGet("/cache/stats", () =>
        {
            var stats = host.Cache.Engine.GetStats();
            return Results.Json(new
            {
                memory = stats.Memory is { } m ? new { entries = m.Entries, bytes = m.Bytes, max_bytes = m.MaxBytes } : null,
                disk = stats.Disk is { } d ? new { entries = d.Entries, bytes = d.Bytes, max_bytes = d.MaxBytes, path = host.Cache.DiskDirectory } : null,
                disk_write_failures = stats.DiskWriteFailures,
                disk_failing = stats.DiskFailing,
                fills_in_progress = stats.ActiveFills,
            }, AdminJson.Options);
        });
    }

    private static async Task<IResult> InvalidateAsync(HttpRequest request, GatewayHost host)
    {
        var (body, problem) = await Admin.AdminRequestBody.ReadAsync<InvalidationRequest>(request, MaxBodyBytes, "an invalidation request (send { \"paths\": [\"/img/*\"] }, { \"surrogate_keys\": [\"product-42\"] } or { \"all\": true })").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var invalidation = new CacheInvalidation
        {
            Paths = body?.Paths ?? [],
            SurrogateKeys = body?.SurrogateKeys ?? [],
            All = body?.All ?? false,
            Host = string.IsNullOrWhiteSpace(body?.Host) ? null : body.Host,
        };
        var errors = invalidation.Validate().ToList();
        if (invalidation.Paths.Count + invalidation.SurrogateKeys.Count > MaxItems)
        {
            errors.Add($"at most {MaxItems} paths and surrogate keys per request");
        }

        if (errors.Count > 0)
        {
            return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Invalid invalidation", string.Join("; ", errors), new { errors });
        }

        var now = DateTimeOffset.UtcNow;
        var (removed, elapsed) = host.Cache.Invalidate(invalidation);
        var record = new
        {
            paths = invalidation.Paths,
            surrogate_keys = invalidation.SurrogateKeys,
            all = invalidation.All,
            host = invalidation.Host,
            removed,
            duration_ms = Math.Round(elapsed.TotalMilliseconds, 3),
        };
        await host.Store.AppendAuditAsync("admin-api", AuditAction, JsonSerializer.Serialize(record, AdminJson.Options), now).ConfigureAwait(false);
        return Results.Json(new { status = "completed", created_at = now, record.paths, record.surrogate_keys, record.all, record.host, removed, record.duration_ms }, AdminJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private sealed record InvalidationRequest(List<string>? Paths, List<string>? SurrogateKeys, bool? All, string? Host);
}
