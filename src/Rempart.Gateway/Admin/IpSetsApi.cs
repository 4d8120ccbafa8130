using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rempart.Gateway.Automations;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Hosting;

namespace Rempart.Gateway.Admin;

/// <summary>
/// <c>/api/v1/ip-sets</c>: the named IP sets of <c>ip_sets</c> with their config CIDRs and the entries
/// added at run time (by event functions or here), which operators can add and remove. Every
/// change is persisted and audited (actor as for decisions); an entry may expire.
/// </summary>
internal static class IpSetsApi
{
    private const int MaxBodyBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder api, GatewayHost host)
    {
        api.MapGet("/ip-sets", () => Results.Json(host.State.Current.Config.IpSets.Select(s => new
        {
            name = s.Key,
            config_entries = s.Value.Count,
            runtime_entries = host.IpSets.Get(s.Key).Count,
        }), AdminJson.Options));
        api.MapGet("/ip-sets/{name}", (string name) => Known(host, name) is { } missing ? missing : Results.Json(new
        {
            name,
            config = host.State.Current.Config.IpSets[name],
            runtime = host.IpSets.Get(name).Entries().Select(e => new { cidr = e.Cidr, source = e.Source, added_at = e.AddedAt, expires_at = e.ExpiresAt }),
        }, AdminJson.Options));
        api.MapPost("/ip-sets/{name}", async (string name, HttpRequest request) => Known(host, name) ?? await AddAsync(name, request, host).ConfigureAwait(false));
        api.MapDelete("/ip-sets/{name}", async (string name, HttpRequest request) =>
        {
            if (Known(host, name) is { } missing)
            {
                return missing;
            }

            var cidr = request.Query["cidr"].ToString();
            if (cidr.Length == 0)
            {
                return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Missing cidr", $"Write DELETE /api/v1/ip-sets/{name}?cidr=203.0.113.0/24.");
            }

            return await host.IpSets.RemoveAsync(name, cidr, DecisionsApi.Actor(request), request.HttpContext.RequestAborted).ConfigureAwait(false)
                ? Results.NoContent()
                : ProblemDetailsWriter.Problem(StatusCodes.Status404NotFound, "Not found", $"IP set '{name}' has no run-time entry '{cidr}' (entries from the config file are changed there).");
        });
    }

    private static IResult? Known(GatewayHost host, string name) => host.State.Current.Config.IpSets.ContainsKey(name)
        ? null
        : ProblemDetailsWriter.Problem(StatusCodes.Status404NotFound, "Not found", $"No IP set named '{name}' under ip_sets.");

    private static async Task<IResult> AddAsync(string name, HttpRequest request, GatewayHost host)
    {
        var (body, problem) = await AdminRequestBody.ReadAsync<AddEntryBody>(request, MaxBodyBytes, "an IP-set entry").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.Cidr is not { } cidr || !CidrParser.TryParse(cidr, out var network))
        {
            return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Bad cidr", "Send {\"cidr\": \"203.0.113.0/24\", \"duration\": \"7d\"} (duration optional; forever by default).");
        }

        TimeSpan? duration = null;
        if (body.Duration is { } text && !BanLength.TryParse(text, out duration))
        {
            return ProblemDetailsWriter.Problem(StatusCodes.Status400BadRequest, "Bad duration", $"'{text}' is not a duration: write 4h, 30m, 7d or forever.");
        }

        return await host.IpSets.AddAsync(name, cidr, duration, DecisionsApi.Actor(request), request.HttpContext.RequestAborted).ConfigureAwait(false)
            ? Results.Json(host.IpSets.Get(name).Entries().Where(e => e.Cidr == network.ToString()).Select(e => new { set = name, cidr = e.Cidr, source = e.Source, added_at = e.AddedAt, expires_at = e.ExpiresAt }).First(), AdminJson.Options, statusCode: StatusCodes.Status201Created)
            : ProblemDetailsWriter.Problem(StatusCodes.Status422UnprocessableEntity, "Set full", $"IP set '{name}' already holds {Waf.IpSets.RuntimeIpSets.MaxEntriesPerSet} run-time entries.");
    }

    private sealed record AddEntryBody(string? Cidr, string? Duration);
}
