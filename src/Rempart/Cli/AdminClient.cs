using System.Net.Http.Headers;
using Rempart.Gateway.Configuration;

namespace Rempart.Cli;

/// <summary>
/// The CLI's way to the admin API: address and token from --admin/--token, REMPART_ADMIN_TOKEN,
/// the config's admin.listen and token file (--config), or the defaults.
/// </summary>
internal sealed class AdminClient(string address, string token) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };

    public string Address { get; } = address;

    public static AdminClient? Create(string? admin, string? token, FileInfo? configFile, out string? problem)
    {
        problem = null;
        var (address, tokenFile) = Defaults(configFile);
        address = admin ?? address;
        token ??= Environment.GetEnvironmentVariable("REMPART_ADMIN_TOKEN");
        if (token is null)
        {
            if (!File.Exists(tokenFile))
            {
                problem = $"no admin token: {tokenFile} does not exist. Fix: pass --token, set REMPART_ADMIN_TOKEN, or --config FILE.";
                return null;
            }

            token = File.ReadAllText(tokenFile).Trim();
        }

        return new AdminClient(address, token);
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Who made a change, for the audit trail: the local user and machine, never a secret.
        request.Headers.TryAddWithoutValidation("X-Rempart-Actor", $"{Environment.UserName}@{Environment.MachineName}");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    public void Dispose() => _http.Dispose();

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
}
