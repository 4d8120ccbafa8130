using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Rempart.AttackBench;

/// <summary>A real `rempart run` child process, its admin API and its resident memory.</summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _admin;

    private GatewayProcess(Process process, HttpClient admin)
    {
        _process = process;
        _admin = admin;
    }

    public static async Task<GatewayProcess> StartAsync(string rempartDll, string configPath, string dataDir, int adminPort)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(rempartDll);
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(configPath);
        var process = Process.Start(info)!;
        var log = Path.Combine(Path.GetDirectoryName(configPath)!, "rempart.log");
        _ = Task.Run(async () =>
        {
            await using var writer = new StreamWriter(log);
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                await writer.WriteLineAsync(line);
            }
        });
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                Console.Error.WriteLine("rempart: " + line);
            }
        });
        var tokenFile = Path.Combine(dataDir, "admin.token");
        var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}"), Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"rempart exited with {process.ExitCode}; see {log}");
            }

            if (File.Exists(tokenFile))
            {
                admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(tokenFile).Trim());
                try
                {
                    using var r = await admin.GetAsync("/healthz");
                    if (r.IsSuccessStatusCode)
                    {
                        return new GatewayProcess(process, admin);
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(200);
        }

        process.Kill();
        throw new TimeoutException("rempart did not start within 60 s");
    }

    public bool Exited => _process.HasExited;

    /// <summary>Resident set size in MiB (/proc/PID/status VmRSS).</summary>
    public double RssMiB()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return double.NaN;
    }

    public async Task<JsonElement> AttacksAsync()
    {
        var text = await _admin.GetStringAsync("/api/v1/attacks?limit=50");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: a graceful stop, as an operator's would be.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            if (!_process.WaitForExit(30_000))
            {
                _process.Kill();
            }
        }

        _admin.Dispose();
        _process.Dispose();
    }
}
