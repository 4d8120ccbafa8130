using System.CommandLine;
using Rempart.Gateway.Configuration;

namespace Rempart.Cli;

/// <summary>`rempart validate FILE`: every error at once, with file:line:column and the fix; exit 0 or 1.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The YAML config file to check." };
        var command = new Command("validate", "Check a config file without starting anything.") { file };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            var loaded = ConfigLoader.LoadFile(Path.GetRelativePath(Directory.GetCurrentDirectory(), path.FullName));
            if (loaded.IsValid)
            {
                Console.WriteLine($"{loaded.Map.File}: valid ({loaded.Config!.Routes.Count} route(s), {loaded.Config.Origins.Count} origin(s))");
                return 0;
            }

            foreach (var error in loaded.Errors)
            {
                Console.Error.WriteLine(error);
            }

            Console.Error.WriteLine($"{loaded.Errors.Count} error(s)");
            return 1;
        });
        return command;
    }
}
