using System.Net;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>
/// examples/crs.yaml as shipped, with its CRS path pointed at ../shared/testdata/crs (tests read CRS there, never
/// copy it): it validates, and a real `rempart run` with it blocks an attack and passes a benign request.
/// </summary>
public sealed class CrsExampleTests : IDisposable
{
    private const string DebianPath = "/usr/share/modsecurity-crs";
    private readonly string _dir = Directory.CreateTempSubdirectory("rempart-crs-example-").FullName;

    private static string Example => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "examples", "crs.yaml"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SharedDataFact("crs")]
    public void Example_Validates_WithCrsFromTestData()
    {
        Assert.Contains($"path: {DebianPath}", Example, StringComparison.Ordinal);
        var yaml = Example.Replace(DebianPath, CrsFunctionalTests.CrsPath, StringComparison.Ordinal);

        var result = ConfigLoader.LoadText(yaml, "crs.yaml", Path.Combine(TestPaths.RepoRoot, "examples"));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var crs = result.Config!.WebAcls["crs"].Rules.Single().Statement.Crs!;
        Assert.Equal(1, crs.ParanoiaLevel);
        Assert.Equal("http://127.0.0.1:8080", result.Config.Listen.Single().ToString().TrimEnd('/'));
    }

    [SharedDataFact("crs")]
    public async Task Example_RunByRempart_BlocksAnAttack_AndPassesABenignRequest()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        var yaml = Example
            .Replace(DebianPath, CrsFunctionalTests.CrsPath, StringComparison.Ordinal)
            .Replace("http://127.0.0.1:8080", "http://127.0.0.1:0", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:9901", $"http://127.0.0.1:{TestPorts.Free()}", StringComparison.Ordinal)
            .Replace("http://127.0.0.1:3000", origin.Url, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_dir, "crs.yaml"), yaml);

        using var rempart = RempartProcess.Start(_dir, "run", "--config", "crs.yaml");
        var gateway = await rempart.WaitForGatewayAsync();
        using var client = new HttpClient();

        var benign = await client.GetAsync(new Uri(gateway, "/products?category=garden&sort=price"));
        var attack = await client.GetAsync(new Uri(gateway, "/products?category=" + Uri.EscapeDataString("garden' OR '1'='1' UNION SELECT password FROM users--")));

        Assert.Equal(HttpStatusCode.OK, benign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        Assert.Contains(attack.Headers.GetValues("X-Request-Id").Single(), await attack.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, origin.Hits);
    }
}
