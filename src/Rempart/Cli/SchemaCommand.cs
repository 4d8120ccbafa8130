using System.CommandLine;
using Rempart.Gateway.Configuration;

namespace Rempart.Cli;

/// <summary>`rempart schema`: the JSON Schema of the config, for editors.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", "Print the JSON Schema of the config file (for editor completion and checks).");
        command.SetAction(_ =>
        {
            Console.WriteLine(ConfigSchemaWriter.Write());
            return 0;
        });
        return command;
    }
}
