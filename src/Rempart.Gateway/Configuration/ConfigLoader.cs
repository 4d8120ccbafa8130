using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rempart.Gateway.Configuration;

/// <summary>Reads YAML text into a validated <see cref="GatewayConfig"/>, or into the full list of what is wrong with it.</summary>
public static class ConfigLoader
{
    public static ConfigLoadResult LoadFile(string path)
    {
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var map = new SourceMap(path);
            return new ConfigLoadResult(null, [new ConfigError(path, 0, 0, "", $"cannot read the config file: {e.Message}", "check the path and its permissions")], map, Path.GetDirectoryName(full)!, "", "");
        }

        return LoadText(text, path, Path.GetDirectoryName(full)!);
    }

    public static ConfigLoadResult LoadText(string text, string fileName, string baseDirectory)
    {
        var map = new SourceMap(fileName);
        var errors = new List<ConfigError>();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var yaml = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            yaml.Load(parser);
        }
        catch (YamlException e)
        {
            var duplicate = InnerMessage(e).StartsWith("Duplicate key", StringComparison.Ordinal);
            errors.Add(new ConfigError(fileName, (int)e.Start.Line, (int)e.Start.Column, "", $"the file is not valid YAML: {InnerMessage(e)}",
                duplicate ? "keep one of the two keys" : "check indentation (spaces, not tabs), colons, brackets and quotes near this position"));
            return new ConfigLoadResult(null, errors, map, baseDirectory, text, hash);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet reports some unterminated structures this way, without a position; the parser knows where it stopped.
            var mark = parser.Current?.Start;
            errors.Add(new ConfigError(fileName, (int)(mark?.Line ?? 0), (int)(mark?.Column ?? 0), "", "the file is not valid YAML: a list, mapping or quote is not closed",
                "check for a missing ], } or quote before this position"));
            return new ConfigLoadResult(null, errors, map, baseDirectory, text, hash);
        }

        if (yaml.Documents.Count != 1)
        {
            errors.Add(new ConfigError(fileName, 1, 1, "", yaml.Documents.Count == 0 ? "the file is empty" : "the file holds several YAML documents", "write one document with the top-level sections"));
            return new ConfigLoadResult(null, errors, map, baseDirectory, text, hash);
        }

        var config = (GatewayConfig?)new ConfigBinder(map, errors).Bind(yaml.Documents[0].RootNode, typeof(GatewayConfig), "");
        if (config is not null)
        {
            // Checks across entities run even when some values failed to bind, so that one run
            // shows every problem; a path that already has an error is not reported twice.
            var semantic = new List<ConfigError>();
            ConfigValidator.Validate(config, map, baseDirectory, semantic);
            var bindingErrors = errors.ToList();
            errors.AddRange(semantic.Where(s => !bindingErrors.Any(e => s.Path.StartsWith(e.Path, StringComparison.Ordinal) && e.Path.Length > 0)).ToList());
        }

        var ordered = errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        if (ordered.Count == 0 && config!.Functions.Values.Any(f => f.Source is not null))
        {
            // Function files are part of the config: an edited script is a new config to reload.
            hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash + string.Concat(config.Functions.Values.Select(f => f.Source?.Hash)))))[..16];
        }

        return new ConfigLoadResult(ordered.Count == 0 ? config : null, ordered, map, baseDirectory, text, hash);
    }

    /// <summary>Parses and binds YAML to one config record type, without cross-entity checks (used for managed rule groups).</summary>
    public static (T? Value, IReadOnlyList<ConfigError> Errors) Bind<T>(string text, string fileName) where T : class
    {
        var map = new SourceMap(fileName);
        var errors = new List<ConfigError>();
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            errors.Add(new ConfigError(fileName, (int)e.Start.Line, (int)e.Start.Column, "", InnerMessage(e), null));
            return (null, errors);
        }

        var value = (T?)new ConfigBinder(map, errors).Bind(yaml.Documents[0].RootNode, typeof(T), "");
        return (value, errors);
    }

    private static string InnerMessage(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;

        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (…): "; the position is already ours.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).TrimEnd('.');
    }
}
