using System.CommandLine;
using System.Net;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Waf;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Cli;

/// <summary>
/// `rempart waf test --config FILE --acl NAME [--request raw.http | -- curl-like args]`: runs one
/// request through a web ACL without a server and explains the verdict rule by rule.
/// </summary>
internal static class WafTestCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c") { Description = "The config file holding the web ACL.", Required = true };
        var acl = new Option<string>("--acl") { Description = "Web ACL name (default: the built-in default).", DefaultValueFactory = _ => "default" };
        var request = new Option<FileInfo?>("--request", "-r") { Description = "A raw HTTP request file (request line, headers, blank line, body)." };
        var client = new Option<string>("--client-ip") { Description = "Client IP the request comes from.", DefaultValueFactory = _ => "203.0.113.10" };
        var expect = new Option<string?>("--expect") { Description = "Exit 1 unless the verdict is this (allow, block, count, challenge): for rule tests in CI." };
        var all = new Option<bool>("--all") { Description = "List every evaluated rule, not only those that matched." };
        var curl = new Argument<string[]>("curl") { Description = "curl-like request after --: [-X METHOD] [-H 'Name: value']… [-d BODY] URL", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("test", "Run a request through a web ACL and explain the verdict.") { config, acl, request, client, expect, all, curl };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result => Run(
            result.GetValue(config)!, result.GetValue(acl)!, result.GetValue(request), result.GetValue(client)!, result.GetValue(expect), result.GetValue(all),
            [.. result.GetValue(curl) ?? [], .. result.UnmatchedTokens]));
        return command;
    }

    private static int Run(FileInfo configFile, string aclName, FileInfo? requestFile, string clientIp, string? expect, bool all, string[] curl)
    {
        var loaded = ConfigLoader.LoadFile(configFile.FullName);
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                Console.Error.WriteLine(error);
            }

            return 1;
        }

        var acls = WafModelCompiler.Compile(loaded.Config!, new RateCounterStore(TimeProvider.System), loaded.BaseDirectory, includeDefault: true);
        if (!acls.TryGetValue(aclName, out var acl))
        {
            Console.Error.WriteLine($"rempart: no web ACL '{aclName}' in {configFile.Name}; {Suggestions.DidYouMean(aclName, acls.Keys)}");
            return 1;
        }

        WafRequest request;
        try
        {
            var ip = IPAddress.Parse(clientIp);
            request = requestFile is not null
                ? WafRequestParser.FromRaw(File.ReadAllText(requestFile.FullName), ip)
                : WafRequestParser.FromCurl(curl, ip);
        }
        catch (Exception e) when (e is FormatException or IOException or UriFormatException)
        {
            Console.Error.WriteLine($"rempart: cannot read the request: {e.Message}");
            return 1;
        }

        var limited = request.Body.Length > acl.BodyLimit
            ? new WafRequest { Method = request.Method, Path = request.Path, QueryString = request.QueryString, Headers = request.Headers, ClientIp = request.ClientIp, Body = request.Body[..acl.BodyLimit], BodyOversize = true }
            : request;
        var trace = new List<RuleTrace>();
        var verdict = WafEvaluator.Evaluate(acl, new WafEvaluationContext(limited, acl.Budget), hasValidChallengeToken: false, trace);

        Console.WriteLine($"Web ACL {acl.Name} (default action {acl.DefaultAction.Name}) — {request.Method} {request.Path}{(request.QueryString.Length > 0 ? "?" + request.QueryString : "")} from {request.ClientIp}");
        foreach (var t in trace.Where(t => all || t.Matched))
        {
            if (!t.Matched)
            {
                Console.WriteLine($"  ·  {t.RuleId}");
                continue;
            }

            var d = t.Detail;
            Console.WriteLine($"  ✔  {t.RuleId}  → {t.Action}");
            if (d is not null)
            {
                Console.WriteLine($"       field {d.Field}, after {d.Transforms}: {Quote(d.Value)}");
                if (d.Detail is not null)
                {
                    Console.WriteLine($"       {d.Detail}");
                }
            }
        }

        Console.WriteLine($"{trace.Count} rule(s) evaluated, {trace.Count(t => t.Matched)} matched.");
        Console.WriteLine($"Verdict: {verdict.Name.ToUpperInvariant()}{(verdict.TerminatingRule is { } r ? $" by {r}" : " (default action)")}{(verdict.Labels.Count > 0 ? $"; labels: {string.Join(", ", verdict.Labels)}" : "")}");
        if (expect is not null && !string.Equals(expect, verdict.Name, StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"rempart: expected {expect}, got {verdict.Name}");
            return 1;
        }

        return 0;
    }

    private static string Quote(string value)
    {
        var v = value.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
        return "\"" + (v.Length > 160 ? v[..160] + "…" : v) + "\"";
    }
}
