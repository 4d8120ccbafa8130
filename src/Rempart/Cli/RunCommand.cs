using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Hosting;

namespace Rempart.Cli;

/// <summary>`rempart run [--config FILE]`: start the gateway; with no file, the embedded default in front of the demo origin.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "The YAML config file. Without it, Rempart protects its built-in demo origin." };
        var command = new Command("run", "Run the gateway.") { config };
        command.SetAction((result, _) => RunAsync(result.GetValue(config)));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? configFile)
    {
        using var loggerFactory = Logging.CreateFactory();
        GatewayHost host;
        try
        {
            host = await GatewayHost.StartAsync(new GatewayHostOptions { ConfigPath = configFile?.FullName is { } f ? Path.GetRelativePath(Directory.GetCurrentDirectory(), f) : null, LoggerFactory = loggerFactory }).ConfigureAwait(false);
        }
        catch (GatewayStartupException e)
        {
            foreach (var error in e.ConfigErrors)
            {
                Console.Error.WriteLine(error);
            }

            Console.Error.WriteLine($"rempart: not started: {e.Message}");
            return 1;
        }

        PrintBanner(host);
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var hangup = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; _ = host.ReloadAsync(); });
        await stop.Task.ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
        return 0;
    }

    private static void PrintBanner(GatewayHost host)
    {
        var gateway = string.Join(", ", host.GatewayAddresses);
        Console.WriteLine();
        Console.WriteLine("  Rempart is running.");
        Console.WriteLine($"    Gateway:     {gateway}");
        if (host.AdminAddress is { } admin)
        {
            Console.WriteLine($"    Admin API:   {admin}  (bearer token: {host.AdminToken!.Source})");
        }

        if (host.Demo is { } demo)
        {
            Console.WriteLine($"    Demo origin: {demo.Address} (built in; the embedded default config protects it)");
            Console.WriteLine("    Config:      embedded default — write your own and run `rempart run --config rempart.yaml`");
        }
        else
        {
            Console.WriteLine($"    Config:      {host.ConfigPath} (reloaded when it changes, or on SIGHUP)");
        }

        Console.WriteLine($"    Data:        {host.DataDirectory}");
        if (host.AccessLog.FilePath is { } log)
        {
            Console.WriteLine($"    Access log:  {log}");
        }

        Console.WriteLine("  Stop with Ctrl+C (in-flight requests are drained).");
        Console.WriteLine();
    }
}
