using Rempart.Gateway.Configuration;
using Rempart.Gateway.Model;

namespace Rempart.Gateway.Tests.Configuration;

public class HostPatternTests
{
    [Theory]
    [InlineData("*", "anything.example", true)]
    [InlineData("example.com", "EXAMPLE.com", true)]
    [InlineData("example.com", "www.example.com", false)]
    [InlineData("*.example.com", "www.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    [InlineData("*.example.com", "example.com", false)]
    public void Matches(string pattern, string host, bool expected) => Assert.Equal(expected, HostPattern.Matches(pattern, host));

    [Theory]
    [InlineData("/", "/anything", true)]
    [InlineData("/api", "/api", true)]
    [InlineData("/api", "/api/users", true)]
    [InlineData("/api", "/apix", false)]
    [InlineData("/api/", "/api/users", true)]
    [InlineData("/api/", "/api", false)]
    public void PathPrefixes_MatchOnSegments(string prefix, string path, bool expected) => Assert.Equal(expected, RouteModel.PrefixMatches(prefix, path));
}
