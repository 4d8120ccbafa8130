using System.CommandLine;
using Rempart.Gateway.Waf.Import;

namespace Rempart.Cli;

/// <summary>`rempart waf import webacl.json [-o rempart-waf.yaml]`: AWS WAF v2 web ACL JSON → Rempart YAML, with a report of what did not map.</summary>
internal static class WafImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "JSON from `aws wafv2 get-web-acl` (or the WebACL object alone)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the YAML here instead of stdout." };
        var command = new Command("import", "Convert an AWS WAF v2 web ACL into Rempart YAML.") { file, output };
        command.SetAction(result =>
        {
            var importer = new AwsWebAclImporter();
            string yaml;
            try
            {
                yaml = importer.Convert(File.ReadAllText(result.GetValue(file)!.FullName));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or IOException or InvalidOperationException or KeyNotFoundException)
            {
                Console.Error.WriteLine($"rempart: cannot import: {e.Message}");
                return 1;
            }

            if (result.GetValue(output) is { } o)
            {
                File.WriteAllText(o.FullName, yaml);
            }
            else
            {
                Console.Write(yaml);
            }

            foreach (var line in importer.Report)
            {
                Console.Error.WriteLine($"note: {line}");
            }

            return 0;
        });
        return command;
    }
}
