using System.CommandLine;
using System.Text.Json;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Functions;

namespace Rempart.Cli;

/// <summary>
/// `rempart functions test NAME --event FILE [--config FILE]`: runs one function of the config
/// against a sample CloudFront-shaped event, offline and under its own limits, and prints what it
/// would do as JSON. Nothing is applied. Exit 0 when the function ran cleanly, 1 when it failed or
/// the config is invalid, 2 for a bad event file.
/// </summary>
internal static class FunctionsTestCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The function's name under functions:." };
        var eventFile = new Option<FileInfo>("--event", "-e") { Description = "A JSON event in CloudFront Functions' shape, e.g. { \"request\": { \"uri\": \"/old\", \"headers\": { \"host\": { \"value\": \"example.com\" } } } }.", Required = true };
        var config = new Option<FileInfo>("--config", "-c") { Description = "The YAML config file.", DefaultValueFactory = _ => new FileInfo("rempart.yaml") };
        var command = new Command("test", "Run a function against a sample event and print its effects, without applying them.") { name, eventFile, config };
        command.SetAction(result =>
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
                var report = FunctionTester.Test(loaded.Config!, result.GetValue(name)!, json);
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
