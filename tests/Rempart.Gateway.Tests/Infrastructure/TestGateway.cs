using System.Text.RegularExpressions;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Hosting;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// A real Rempart started in-process from a YAML file in its own temporary folder, listening on
/// loopback ports chosen by the OS. Exposes HTTP clients for the gateway and the admin API (with
/// the token Rempart generated), and rewrites the file for hot-reload tests.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    private TestGateway(GatewayHost host, string directory, string configPath)
    {
        Host = host;
        Directory = directory;
        ConfigPath = configPath;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.GatewayAddresses[0], Timeout = TimeSpan.FromSeconds(30) };
        if (host.AdminAddress is { } admin)
        {
            Admin = new HttpClient { BaseAddress = admin, Timeout = TimeSpan.FromSeconds(30) };
            Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(host.DataDirectory, "admin.token")).Trim());
        }
        else
        {
            Admin = new HttpClient();
        }
    }

    public GatewayHost Host { get; }

    public string Directory { get; }

    public string ConfigPath { get; }

    public HttpClient Client { get; }

    public HttpClient Admin { get; }

    public Uri Address => Host.GatewayAddresses[0];

    /// <summary>
    /// Starts a gateway from <paramref name="yaml"/>. Unless the YAML says otherwise, listeners are
    /// 127.0.0.1:0 and data_dir is ./data beside the file.
    /// </summary>
    public static Task<TestGateway> StartAsync(string yaml, TimeProvider? time = null, ILoggerFactory? loggerFactory = null) =>
        StartInAsync(Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N")), yaml, time, loggerFactory);

    /// <summary>Starts a gateway in a given folder — the folder of a stopped one, to test what survives a restart.</summary>
    public static async Task<TestGateway> StartInAsync(string directory, string yaml, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var configPath = Path.Combine(directory, "rempart.yaml");
        await File.WriteAllTextAsync(configPath, WithDefaults(yaml));
        var host = await GatewayHost.StartAsync(new GatewayHostOptions
        {
            ConfigPath = configPath,
            Time = time ?? TimeProvider.System,
            LoggerFactory = loggerFactory,
        });
        return new TestGateway(host, directory, configPath);
    }

    public static string WithDefaults(string yaml)
    {
        var text = yaml;
        if (!Regex.IsMatch(text, "^listen:", RegexOptions.Multiline))
        {
            text = "listen: [\"http://127.0.0.1:0\"]\n" + text;
        }

        if (!Regex.IsMatch(text, "^admin:", RegexOptions.Multiline))
        {
            text = "admin: { listen: \"http://127.0.0.1:0\" }\n" + text;
        }

        if (!Regex.IsMatch(text, "^data_dir:", RegexOptions.Multiline))
        {
            text = "data_dir: ./data\n" + text;
        }

        return text;
    }

    /// <summary>Writes a new config file; the running gateway picks it up through its watcher.</summary>
    public Task RewriteConfigAsync(string yaml) => File.WriteAllTextAsync(ConfigPath, WithDefaults(yaml));

    public async Task<string> MetricsAsync() => await Admin.GetStringAsync("/metrics");

    /// <summary>Stops the gateway but keeps its folder (state, token, config) for <see cref="StartInAsync"/>.</summary>
    public async Task StopKeepingStateAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await Host.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await Host.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
