using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rempart.Cli;

/// <summary>
/// <c>rempart purge PATH… [--tag KEY]… [--all] [--host HOST]</c>: invalidates cached responses
/// through the admin API (<c>POST /api/v1/cache/invalidations</c>) and prints what was removed.
/// </summary>
internal static class PurgeCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Paths to invalidate; a trailing * matches every path below (quote it: '/img/*').", Arity = ArgumentArity.ZeroOrMore };
        var tags = new Option<string[]>("--tag") { Description = "Surrogate key (from the origin's Surrogate-Key or Cache-Tag header); repeatable.", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Invalidate everything in the cache." };
        var host = new Option<string?>("--host") { Description = "Only paths cached for this host." };
        var admin = new Option<string?>("--admin") { Description = "Admin API address (default: from --config, else http://127.0.0.1:9901)." };
        var token = new Option<string?>("--token") { Description = "Admin token (default: REMPART_ADMIN_TOKEN, else the token file)." };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "Config file to read admin.listen and data_dir from." };
        var command = new Command("purge", "Invalidate cached responses by path, surrogate key, or all.") { paths, tags, all, host, admin, token, config };
        command.SetAction(async (result, ct) =>
        {
            var body = new
            {
                paths = result.GetValue(paths) ?? [],
                surrogate_keys = result.GetValue(tags) ?? [],
                all = result.GetValue(all),
                host = result.GetValue(host),
            };
            if (body.paths.Length == 0 && body.surrogate_keys.Length == 0 && !body.all)
            {
                Console.Error.WriteLine("rempart: nothing to purge. Fix: give paths, --tag KEY or --all.");
                return 2;
            }

            using var client = AdminClient.Create(result.GetValue(admin), result.GetValue(token), result.GetValue(config), out var problem);
            if (client is null)
            {
                Console.Error.WriteLine($"rempart: {problem}");
                return 1;
            }

            try
            {
                var (status, text) = await client.SendAsync(HttpMethod.Post, "/api/v1/cache/invalidations", ct, JsonContent.Create(body)).ConfigureAwait(false);
                if (status is < 200 or > 299)
                {
                    Console.Error.WriteLine($"rempart: {status}");
                    Console.Error.WriteLine(text);
                    return 1;
                }

                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                Console.WriteLine($"Purged {root.GetProperty("removed").GetInt32()} cached response(s) in {root.GetProperty("duration_ms").GetDouble():0.###} ms.");
                return 0;
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"rempart: cannot reach the admin API at {client.Address}: {e.Message} Fix: is Rempart running? Pass --admin or --config.");
                return 1;
            }
        });
        return command;
    }
}
