using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Tests.Functions;

/// <summary>Bad functions are config errors at load, with file:line and the fix — never a surprise on traffic.</summary>
public class FunctionConfigErrorTests
{
    private const string Base = """
        origins: { app: { targets: ["http://127.0.0.1:9"] } }
        routes:
          - { name: site, match: { paths: ["/"] }, origin: app }
        functions:

        """;

    private static (ConfigLoadResult Result, string Directory) Load(string functions, params (string Name, string Text)[] files)
    {
        var directory = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(directory, name), text);
        }

        return (ConfigLoader.LoadText(Base + functions, "rempart.yaml", directory), directory);
    }

    [Fact]
    public void SyntaxErrorInAFile_IsReportedAtTheScriptsLine()
    {
        var (result, _) = Load("  broken: { on: viewer_request, file: broken.js }\n", ("broken.js", "function handler(event) {\n  var x = ;\n  return event.request;\n}\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("broken.js", 2), (error.File, error.Line));
        Assert.Equal("functions.broken.file", error.Path);
        Assert.Contains("JavaScript syntax error", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("broken.js:2:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorInInlineCode_IsReportedAtTheConfigLine()
    {
        var (result, _) = Load("""
              inline:
                on: viewer_response
                code: |
                  function handler(event) {
                    return event.response
                  }}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("rempart.yaml", 10), (error.File, error.Line));
    }

    [Fact]
    public void EveryOtherMistake_IsCollectedInOneRun()
    {
        var (result, _) = Load("""
              no-handler: { on: viewer_request, code: "function main(e) { return e.request; }" }
              two-sources: { on: viewer_request, code: "function handler(e) {}", file: x.js }
              edge-url: { on: viewer_request, url: "http://127.0.0.1:1/hook" }
              wrong-route: { on: viewer_request, code: "function handler(e) { return e.request; }", routes: [sitee] }
              greedy: { on: event, code: "function handler(e) {}", limits: { memory: 4GiB } }
              slow-edge: { on: viewer_request, code: "function handler(e) { return e.request; }", limits: { time_budget: 1s } }
              typo: { on: event, code: "function handler(e) {}", subscribe: { types: [request_blockd] } }
              unsigned: { on: event, url: "https://hooks.example.com/x" }
              cleartext: { on: event, url: "http://hooks.example.com/x" }
              missing: { on: viewer_request, file: nowhere.js }
            """);

        var byPath = result.Errors.ToLookup(e => e.Path);
        Assert.Contains("no handler", byPath["functions.no-handler.code"].Single().Message, StringComparison.Ordinal);
        Assert.Contains("more than one", byPath["functions.two-sources"].Single().Message, StringComparison.Ordinal);
        Assert.Contains("only event functions", byPath["functions.edge-url.url"].Single().Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'site'?", byPath["functions.wrong-route.routes[0]"].Single().Fix);
        Assert.Contains("3GiB", byPath["functions.greedy.limits.memory"].Single().Message, StringComparison.Ordinal);
        Assert.Contains("100ms", byPath["functions.slow-edge.limits.time_budget"].Single().Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'request_blocked'?", byPath["functions.typo.subscribe.types[0]"].Single().Fix);
        Assert.Contains("secret_file", byPath["functions.unsigned"].Single().Message, StringComparison.Ordinal);
        Assert.Contains("plain http to another machine", byPath["functions.cleartext.url"].Single().Message, StringComparison.Ordinal);
        Assert.Contains("cannot read the script", byPath["functions.missing.file"].Single().Message, StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.True(e.Line > 0, e.ToString()));
    }
}
