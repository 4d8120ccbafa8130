using System.Text.RegularExpressions;
using Rempart.Gateway.Functions;

namespace Rempart.Gateway.Configuration.Functions;

/// <summary>
/// Checks the functions section: exactly one of file, code or url; limits within their ceilings;
/// routes and event types that exist; a readable secret for HTTP functions; and the JavaScript
/// itself, parsed here once (syntax errors at the script's file:line) and kept on the config for the
/// model compiler.
/// </summary>
public static partial class FunctionConfigValidator
{
    public static void Validate(GatewayConfig config, SourceMap map, string baseDirectory, List<ConfigError> errors)
    {
        if (config.Functions.Count == 0)
        {
            return;
        }

        var routeNames = config.Routes.Select((r, i) => r.Name ?? $"route-{i}").ToHashSet(StringComparer.Ordinal);
        foreach (var (name, function) in config.Functions)
        {
            var path = $"functions.{name}";
            if (!NamePattern().IsMatch(name))
            {
                errors.Add(map.Error(path, $"'{name}' is not a function name", "use letters, digits, '-', '_' and '.', starting with a letter or digit"));
            }

            var sources = new[] { function.File, function.Code, function.Url }.Count(s => s is not null);
            if (sources != 1)
            {
                errors.Add(map.Error(path, sources == 0 ? "the function has no file, code or url" : "the function has more than one of file, code and url", "give exactly one: file: functions/x.js, code: | ..., or (event functions) url: https://..."));
            }

            var isEvent = function.On == FunctionTrigger.Event;
            if (isEvent)
            {
                ValidateEvent(function, path, routeNames, map, baseDirectory, errors);
            }
            else
            {
                ValidateEdge(function, path, routeNames, map, errors);
            }

            ValidateLimits(function, path, isEvent, map, errors);
            if (sources == 1 && function.Url is null)
            {
                function.Source = LoadScript(name, function, path, map, baseDirectory, errors);
            }
        }
    }

    private static void ValidateEdge(FunctionConfig function, string path, HashSet<string> routeNames, SourceMap map, List<ConfigError> errors)
    {
        if (function.Url is not null)
        {
            errors.Add(map.Error($"{path}.url", "only event functions can be HTTP endpoints: an edge function runs inside the request", "write the function in JavaScript (file or code), or use on: event"));
        }

        if (function.Subscribe != new FunctionSubscribeConfig())
        {
            errors.Add(map.Error($"{path}.subscribe", "subscribe is for event functions", "remove it, or use on: event"));
        }

        CheckRoutes(function.Routes, $"{path}.routes", routeNames, map, errors);
    }

    private static void ValidateEvent(FunctionConfig function, string path, HashSet<string> routeNames, SourceMap map, string baseDirectory, List<ConfigError> errors)
    {
        if (function.Routes.Count > 0)
        {
            errors.Add(map.Error($"{path}.routes", "an event function is not attached to routes", "filter its events with subscribe: { routes: [...] }"));
        }

        for (var i = 0; i < function.Subscribe.Types.Count; i++)
        {
            var type = function.Subscribe.Types[i];
            if (!Events.EventTypes.All.Contains(type))
            {
                errors.Add(map.Error($"{path}.subscribe.types[{i}]", $"'{type}' is not an event type", Suggestions.DidYouMean(type, Events.EventTypes.All.Order())));
            }
        }

        CheckRoutes(function.Subscribe.Routes, $"{path}.subscribe.routes", routeNames, map, errors);
        if (function.Url is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            {
                errors.Add(map.Error($"{path}.url", $"'{url}' is not an http:// or https:// URL", "write https://hooks.example.com/rempart"));
            }
            else if (uri.Scheme == "http" && !uri.IsLoopback)
            {
                // The answer is trusted to ban and lift: in clear text anyone on the path could write it.
                errors.Add(map.Error($"{path}.url", $"'{url}' is plain http to another machine: its answers decide bans and nobody could tell a forged one", "use https://, or http:// only to a loopback address (a sidecar)"));
            }

            if (function.SecretFile is null)
            {
                errors.Add(map.Error(path, "an HTTP function needs secret_file: the key that signs each POST", "create a file with a random key (e.g. openssl rand -hex 32 > hook.key) and add secret_file: hook.key"));
            }
            else
            {
                try
                {
                    var secret = File.ReadAllText(ConfigPaths.Resolve(baseDirectory, function.SecretFile)).Trim();
                    if (secret.Length < 32)
                    {
                        errors.Add(map.Error($"{path}.secret_file", "the secret is shorter than 32 characters", "use a random key, e.g. openssl rand -hex 32"));
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(map.Error($"{path}.secret_file", $"cannot read the secret: {e.Message.TrimEnd('.')}", "check the path (relative to the config file) and its permissions"));
                }
            }
        }
        else if (function.SecretFile is not null)
        {
            errors.Add(map.Error($"{path}.secret_file", "secret_file is for HTTP functions (url)", "remove it"));
        }
    }

    private static void CheckRoutes(IReadOnlyList<string> routes, string path, HashSet<string> routeNames, SourceMap map, List<ConfigError> errors)
    {
        for (var i = 0; i < routes.Count; i++)
        {
            if (!routeNames.Contains(routes[i]))
            {
                errors.Add(map.Error($"{path}[{i}]", $"route '{routes[i]}' is not defined", Suggestions.DidYouMean(routes[i], routeNames)));
            }
        }
    }

    private static void ValidateLimits(FunctionConfig function, string path, bool isEvent, SourceMap map, List<ConfigError> errors)
    {
        var l = function.Limits;
        var p = $"{path}.limits";
        if (l.MaxStatements is < 0)
        {
            errors.Add(map.Error($"{p}.max_statements", "the statement limit is negative", "use 0 for no limit, or e.g. 10000"));
        }

        var timeCeiling = isEvent ? TimeSpan.FromMinutes(15) : FunctionLimits.EdgeTimeCeiling;
        if (l.TimeBudget is { } budget && (budget <= TimeSpan.Zero || budget > timeCeiling))
        {
            errors.Add(map.Error($"{p}.time_budget", $"the time budget must be above 0 and at most {Duration.Format(timeCeiling)}", isEvent ? "use e.g. 1s" : "an edge function runs inside every request: use e.g. 1ms to 5ms"));
        }

        var memoryCeiling = isEvent ? FunctionLimits.EventMemoryCeiling : FunctionLimits.EdgeMemoryCeiling;
        if (l.Memory is { } memory && (memory.Bytes <= 0 || memory.Bytes > memoryCeiling))
        {
            errors.Add(map.Error($"{p}.memory", $"the memory limit must be above 0 and at most {new ByteSize(memoryCeiling)}", isEvent ? "use e.g. 128MiB (the ceiling is 3GiB, as AWS Lambda's in 2017)" : "use e.g. 4MiB"));
        }

        if (l.RecursionDepth is < 1 or > 10_000)
        {
            errors.Add(map.Error($"{p}.recursion_depth", "the recursion depth must be from 1 to 10000", "use e.g. 64"));
        }

        if (l.Timeout <= TimeSpan.Zero || l.Timeout > TimeSpan.FromMinutes(15))
        {
            errors.Add(map.Error($"{p}.timeout", "the timeout must be above 0 and at most 15m", "use e.g. 10s"));
        }

        Range(map, errors, $"{p}.queue_capacity", l.QueueCapacity, 1, 1_000_000);
        Range(map, errors, $"{p}.concurrency", l.Concurrency, 1, 64);
        Range(map, errors, $"{p}.retries", l.Retries, 0, 20);
        Range(map, errors, $"{p}.max_effects", l.MaxEffects, 1, 100_000);
        if (l.RetryBackoff <= TimeSpan.Zero || l.RetryBackoff > TimeSpan.FromMinutes(15))
        {
            errors.Add(map.Error($"{p}.retry_backoff", "the backoff must be above 0 and at most 15m (each retry doubles it, up to 15m)", "use e.g. 1s"));
        }
    }

    private static void Range(SourceMap map, List<ConfigError> errors, string path, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(map.Error(path, $"{value} is outside {min} to {max}", $"use a value from {min} to {max}"));
        }
    }

    private static FunctionSource? LoadScript(string name, FunctionConfig function, string path, SourceMap map, string baseDirectory, List<ConfigError> errors)
    {
        if (function.File is { } file)
        {
            string text;
            try
            {
                text = File.ReadAllText(ConfigPaths.Resolve(baseDirectory, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(map.Error($"{path}.file", $"cannot read the script: {e.Message.TrimEnd('.')}", "check the path (relative to the config file) and its permissions"));
                return null;
            }

            // Errors point at the script itself, by a path that opens from where the config was named.
            var shown = Path.Combine(Path.GetDirectoryName(map.File) ?? "", file);
            return FunctionScriptParser.Parse(name, text, file, Path.IsPathRooted(file) ? file : shown, 0, 0, $"{path}.file", errors);
        }

        var code = function.Code!;
        var (line, column) = map.Find($"{path}.code");

        // A block scalar (code: |) starts on the line after the key; a one-line scalar on the key's line.
        return code.Contains('\n')
            ? FunctionScriptParser.Parse(name, code, "inline", map.File, line, 0, $"{path}.code", errors)
            : FunctionScriptParser.Parse(name, code, "inline", map.File, line - 1, column, $"{path}.code", errors);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex NamePattern();
}
