using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Rempart.Gateway.Configuration;

namespace Rempart.Cli;

/// <summary>
/// Commands that talk to a running Rempart through its admin API. The address and token come from
/// --admin/--token, or REMPART_ADMIN_TOKEN, or the config file given with --config (admin.listen and
/// the token file in data_dir), or the defaults (http://127.0.0.1:9901, ./rempart-data/admin.token).
/// </summary>
internal static class AdminClientCommands
{
    public static Command Status() => Create("status", "Show the running gateway's status.", HttpMethod.Get, "/api/v1/status");

    public static Command Origins() => Create("origins", "Show origins, their targets and health.", HttpMethod.Get, "/api/v1/origins");

    public static Command Reload() => Create("reload", "Reload the config file now.", HttpMethod.Post, "/api/v1/config/reload");

    private static Command Create(string name, string description, HttpMethod method, string path)
    {
        var admin = new Option<string?>("--admin") { Description = "Admin API address (default: from --config, else http://127.0.0.1:9901)." };
        var token = new Option<string?>("--token") { Description = "Admin token (default: REMPART_ADMIN_TOKEN, else the token file)." };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "Config file to read admin.listen and data_dir from." };
        var command = new Command(name, description) { admin, token, config };
        command.SetAction((result, ct) => CallAsync(method, path, result.GetValue(admin), result.GetValue(token), result.GetValue(config), ct));
        return command;
    }

    private static async Task<int> CallAsync(HttpMethod method, string path, string? admin, string? token, FileInfo? configFile, CancellationToken ct)
    {
        var (address, tokenFile) = Defaults(configFile);
        address = admin ?? address;
        token ??= Environment.GetEnvironmentVariable("REMPART_ADMIN_TOKEN");
        if (token is null)
        {
            if (!File.Exists(tokenFile))
            {
                Console.Error.WriteLine($"rempart: no admin token: {tokenFile} does not exist. Fix: pass --token, set REMPART_ADMIN_TOKEN, or --config FILE.");
                return 1;
            }

            token = (await File.ReadAllTextAsync(tokenFile, ct).ConfigureAwait(false)).Trim();
        }

        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await client.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var output = Pretty(body);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"rempart: {(int)response.StatusCode} {response.ReasonPhrase}");
                Console.Error.WriteLine(output);
                return 1;
            }

            Console.WriteLine(output);
            return 0;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"rempart: cannot reach the admin API at {address}: {e.Message} Fix: is Rempart running? Pass --admin or --config.");
            return 1;
        }
    }

    private static (string Address, string TokenFile) Defaults(FileInfo? configFile)
    {
        if (configFile is not null)
        {
            var loaded = ConfigLoader.LoadFile(configFile.FullName);
            if (loaded.Config is { } c)
            {
                var dataDir = ConfigPaths.Resolve(loaded.BaseDirectory, c.DataDir);
                return (c.Admin.Listen.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal), ConfigPaths.Resolve(dataDir, c.Admin.TokenFile ?? "admin.token"));
            }
        }

        return ("http://127.0.0.1:9901", Path.GetFullPath("rempart-data/admin.token"));
    }

    private static string Pretty(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
