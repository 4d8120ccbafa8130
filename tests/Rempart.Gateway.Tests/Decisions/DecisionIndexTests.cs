using System.Net;
using Rempart.Gateway.Decisions;
using Rempart.Gateway.State;

namespace Rempart.Gateway.Tests.Decisions;

public class DecisionIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ActiveDecision Make(string scope, DecisionAction action = DecisionAction.Ban, DateTimeOffset? expires = null, string? id = null)
    {
        Assert.True(DecisionScope.TryParse(scope, out var s, out var problem), problem);
        return new ActiveDecision(new Decision(id ?? Guid.NewGuid().ToString("N"), s.KindName, s.Text, ActiveDecision.ActionName(action), "test", "test", Now, expires), s, action);
    }

    [Theory]
    [InlineData("203.0.113.7", "ip", "203.0.113.7")]
    [InlineData("198.51.100.77/24", "cidr", "198.51.100.0/24")]
    [InlineData("::ffff:203.0.113.9", "ip", "203.0.113.9")]
    [InlineData("2001:db8::1/32", "cidr", "2001:db8::/32")]
    [InlineData("country:fr", "country", "country:FR")]
    [InlineData("asn:AS64500", "asn", "asn:64500")]
    public void Scope_Parses_ToCanonicalForm(string text, string kind, string canonical)
    {
        Assert.True(DecisionScope.TryParse(text, out var scope, out _));
        Assert.Equal(kind, scope.KindName);
        Assert.Equal(canonical, scope.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("banana")]
    [InlineData("10.0.0.0/33")]
    [InlineData("country:FRA")]
    [InlineData("asn:-1")]
    [InlineData("fe80::1%eth0")]
    public void Scope_Garbage_IsRefusedWithAReason(string text)
    {
        Assert.False(DecisionScope.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void Match_LongestPrefixWins_AndOthersAreUntouched()
    {
        var index = new DecisionIndex();
        index.Put(Make("10.0.0.0/8", DecisionAction.Throttle));
        index.Put(Make("10.1.0.0/16", DecisionAction.Challenge));
        index.Put(Make("10.1.2.3", DecisionAction.Ban));

        Assert.Equal(DecisionAction.Ban, index.Match(IPAddress.Parse("10.1.2.3"), Now, null)!.Action);
        Assert.Equal(DecisionAction.Challenge, index.Match(IPAddress.Parse("10.1.2.4"), Now, null)!.Action);
        Assert.Equal(DecisionAction.Throttle, index.Match(IPAddress.Parse("10.200.0.1"), Now, null)!.Action);
        Assert.Null(index.Match(IPAddress.Parse("11.0.0.1"), Now, null));
        Assert.Equal(DecisionAction.Ban, index.Match(IPAddress.Parse("::ffff:10.1.2.3"), Now, null)!.Action);
    }

    [Fact]
    public void Match_ExpiredDecision_IsIgnored_AndAShorterPrefixStillApplies()
    {
        var index = new DecisionIndex();
        index.Put(Make("192.0.2.0/24"));
        index.Put(Make("192.0.2.1", DecisionAction.Challenge, Now.AddMinutes(-1)));
        Assert.Equal(DecisionAction.Ban, index.Match(IPAddress.Parse("192.0.2.1"), Now, null)!.Action);
    }

    [Fact]
    public void Put_SameScope_ReplacesTheOlderDecision()
    {
        var index = new DecisionIndex();
        var first = Make("192.0.2.1");
        index.Put(first);
        var replaced = index.Put(Make("192.0.2.1", DecisionAction.Throttle));
        Assert.Same(first, replaced);
        Assert.Equal(1, index.Count);
        Assert.Null(index.ById(first.Id));
    }

    [Fact]
    public void HundredThousandDecisions_AllFound_NoFalseHits_AndRemovalWorks()
    {
        var index = new DecisionIndex();
        var all = new List<ActiveDecision>();
        for (var i = 0; i < 100_000; i++)
        {
            var d = Make($"100.{(i >> 16) & 0xFF}.{(i >> 8) & 0xFF}.{i & 0xFF}", id: i.ToString());
            all.Add(d);
            index.Put(d);
        }

        for (var i = 0; i < 200; i++)
        {
            var d = Make($"2001:db8:{i:x}::/48", DecisionAction.Challenge, id: "v6-" + i);
            all.Add(d);
            index.Put(d);
        }

        Assert.Equal(100_200, index.Count);
        Assert.Equal("12345", index.Match(IPAddress.Parse("100.0.48.57"), Now, null)!.Id);
        Assert.Equal("v6-10", index.Match(IPAddress.Parse("2001:db8:a::5"), Now, null)!.Id);
        Assert.Null(index.Match(IPAddress.Parse("100.2.0.0"), Now, null));
        Assert.Null(index.Match(IPAddress.Parse("2001:db8:ffff::1"), Now, null));
        foreach (var d in all)
        {
            Assert.True(index.Remove(d));
        }

        Assert.True(index.IsEmpty);
        Assert.Null(index.Match(IPAddress.Parse("100.0.48.57"), Now, null));
    }

    [Fact]
    public void DecisionIds_TakenInOneBurst_AreUnique()
    {
        // A function or a list can take thousands of decisions within a millisecond; the ids once
        // held only 12 random bits per millisecond and collided (the index then overwrote decisions).
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 200_000; i++)
        {
            Assert.True(ids.Add(DecisionService.CreateId()), $"id {i} repeated an earlier one");
        }
    }
}
