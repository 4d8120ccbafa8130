using System.CommandLine;
using System.Text.Json;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Functions;
using Rempart.Gateway.Functions.Events;

namespace Rempart.Cli;

/// <summary>
/// `rempart functions test NAME --event FILE [--config FILE]`: runs one function of the config
/// against a sample event (CloudFront-shaped for edge functions, a gateway event for event
/// functions), offline and under its own limits, and prints what it would do as JSON. Nothing is applied. Exit 0 when the function ran cleanly, 1 when it failed or
/// the config is invalid, 2 for a bad event file.
/// </summary>
internal static class FunctionsTestCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The function's name under functions:." };
        var eventFile = new Option<FileInfo>("--event", "-e") { Description = "A JSON event in CloudFront Functions' shape, e.g. { \"request\": { \"uri\": \"/old\", \"headers\": { \"host\": { \"value\": \"example.com\" } } } }.", Required = true };
        var config = new Option<FileInfo>("--config", "-c") { Description = "The YAML config file.", DefaultValueFactory = _ => new FileInfo("rempart.yaml") };
        var times = new Option<int>("--times", "-n") { Description = "Event functions: deliver the event this many times (counters shared) and report the last run.", DefaultValueFactory = _ => 1 };
        var command = new Command("test", "Run a function against a sample event and print its effects, without applying them.") { name, eventFile, config, times };
        command.SetAction(async (result, cancellationToken) =>
        {
            var loaded = ConfigLoader.LoadFile(Path.GetRelativePath(Directory.GetCurrentDirectory(), result.GetValue(config)!.FullName));
            if (!loaded.IsValid)
            {
                foreach (var error in loaded.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return 1;
            }

            string json;
            try
            {
                json = File.ReadAllText(result.GetValue(eventFile)!.FullName);
                var function = result.GetValue(name)!;
                var report = loaded.Config!.Functions.TryGetValue(function, out var f) && f.On == Rempart.Gateway.Configuration.Functions.FunctionTrigger.Event
                    ? await EventFunctionTester.TestAsync(loaded.Config!, loaded.BaseDirectory, function, json, Math.Clamp(result.GetValue(times), 1, 1000), cancellationToken)
                    : FunctionTester.Test(loaded.Config!, function, json);
                Console.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return report["result"]!.GetValue<string>() == "ok" ? 0 : 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException)
            {
                Console.Error.WriteLine($"rempart: {e.Message.TrimEnd('.')}.");
                return 2;
            }
        });
        return command;
    }
}
