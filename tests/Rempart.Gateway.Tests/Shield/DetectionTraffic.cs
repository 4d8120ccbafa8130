using System.Net;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Shield.Detection;
using Rempart.Gateway.Shield.Mitigation;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>Drives a <see cref="RouteMonitor"/> on virtual time: so many requests per second from such sources, then a tick.</summary>
internal sealed class DetectionTraffic(RouteMonitor monitor, FakeTimeProvider time)
{
    public List<AttackChange> Changes { get; } = [];

    public static UInt128 Ip(string address) => AddressKey.Of(IPAddress.Parse(address));

    public static TrafficObservation Request(UInt128 source, string path = "/", string? query = null, string ua = "Mozilla/5.0", int status = 200, double originMs = 20, WafSignal waf = WafSignal.None, RequestOutcome outcome = RequestOutcome.Passed) =>
        new(source, path, query is not null, query?.GetHashCode(StringComparison.Ordinal) ?? 0, ua, null, 7, status, originMs, waf, outcome);

    /// <summary>One virtual second: each source sends its requests (enforcing applied mitigations when asked), then the detector ticks.</summary>
    public AttackChange? Second(IEnumerable<(UInt128 Source, int Requests)> senders, Func<UInt128, int, TrafficObservation>? shape = null, bool enforce = false)
    {
        foreach (var (source, requests) in senders)
        {
            for (var i = 0; i < requests; i++)
            {
                var o = shape?.Invoke(source, i) ?? Request(source);
                if (enforce)
                {
                    var verdict = monitor.Check(new RequestKey(o.Source, o.UserAgent, o.Ja4, o.HeaderOrderHash), time.GetUtcNow());
                    o = o with { Outcome = verdict switch { MitigationVerdict.Challenge => RequestOutcome.Challenged, MitigationVerdict.Block or MitigationVerdict.RateLimited => RequestOutcome.Dropped, MitigationVerdict.Count => RequestOutcome.Counted, _ => RequestOutcome.Passed } };
                }

                monitor.Record(o);
            }
        }

        time.Advance(TimeSpan.FromSeconds(1));
        var change = monitor.Tick(time.GetUtcNow());
        if (change is not null)
        {
            Changes.Add(change);
        }

        return change;
    }

    public static IEnumerable<(UInt128, int)> Legit(int clients = 20, int each = 2) =>
        Enumerable.Range(1, clients).Select(i => (Ip($"10.0.0.{i}"), each));

    public void Normal(int seconds, int clients = 20, int each = 2)
    {
        for (var s = 0; s < seconds; s++)
        {
            Assert.Null(Second(Legit(clients, each)));
        }
    }
}
