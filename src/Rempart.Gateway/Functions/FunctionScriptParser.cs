using System.Security.Cryptography;
using System.Text;
using Acornima;
using Acornima.Ast;
using Jint;
using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Functions;

/// <summary>
/// Parses a function's JavaScript with Jint's parser at config load: a syntax error becomes a
/// config error at the script's file:line:column (or the config's line for inline code), and a
/// script without <c>function handler(event)</c> is refused before it could fail on traffic.
/// </summary>
public static class FunctionScriptParser
{
    /// <summary>Scripts larger than this are refused: a function is glue, not an application (CloudFront allows 10 KB).</summary>
    public const int MaxSourceBytes = 1024 * 1024;

    /// <param name="file">Where errors point: the JavaScript file, or the config file for inline code.</param>
    /// <param name="lineOffset">Lines before the script's first line in <paramref name="file"/> (inline code), else 0.</param>
    public static FunctionSource? Parse(string name, string text, string origin, string file, int lineOffset, int columnOffset, string configPath, List<ConfigError> errors)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxSourceBytes)
        {
            errors.Add(new ConfigError(file, lineOffset + 1, 1, configPath, $"the script is larger than {MaxSourceBytes / 1024} KiB", "keep functions small; move data into ip_sets or the origin"));
            return null;
        }

        Prepared<Script> script;
        try
        {
            script = Engine.PrepareScript(text, origin);
        }
        catch (ScriptPreparationException e) when (e.InnerException is ParseErrorException parse)
        {
            var column = parse.LineNumber == 1 ? parse.Column + columnOffset : parse.Column;
            errors.Add(new ConfigError(file, parse.LineNumber + lineOffset, column, configPath, $"JavaScript syntax error: {parse.Description}", "fix the script at this line; `rempart validate` re-checks it"));
            return null;
        }
        catch (ScriptPreparationException e)
        {
            errors.Add(new ConfigError(file, lineOffset + 1, 1, configPath, $"the script cannot be prepared: {e.Message}", "fix the script"));
            return null;
        }

        if (script.Program is null || !DeclaresHandler(script.Program))
        {
            errors.Add(new ConfigError(file, lineOffset + 1, 1, configPath, "the script declares no handler function", "define function handler(event) { ... } (or async function handler(event)), as CloudFront Functions do"));
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        return new FunctionSource(name, text, origin, script, hash);
    }

    private static bool DeclaresHandler(Script program)
    {
        foreach (var statement in program.Body)
        {
            switch (statement)
            {
                case FunctionDeclaration { Id.Name: "handler" }:
                    return true;
                case VariableDeclaration declaration when declaration.Declarations.Any(d => d.Id is Identifier { Name: "handler" }):
                    return true;
            }
        }

        return false;
    }
}
