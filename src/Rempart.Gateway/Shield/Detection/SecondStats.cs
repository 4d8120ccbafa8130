namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// Counters of one route for the current one-second bucket. Sources and distinct query strings
/// are kept up to a cap per second; past it they are only counted, so a flood of new keys costs
/// a counter increment, not memory. Not thread-safe: the owner holds a lock.
/// </summary>
public sealed class SecondStats(int sourceCap, int queryCap)
{
    private readonly Dictionary<UInt128, SecondSource> _sources = new(Math.Min(sourceCap, 1024));
    private readonly HashSet<int> _queries = new(Math.Min(queryCap, 1024));

    public int Requests { get; private set; }

    public int Errors { get; private set; }

    public double LatencySum { get; private set; }

    public int LatencyCount { get; private set; }

    public int WafMatches { get; private set; }

    /// <summary>Requests Shield dropped or challenged this second (the rest reached the later stages).</summary>
    public int Blocked { get; private set; }

    public WafSignal WafKinds { get; private set; }

    public int WithQuery { get; private set; }

    /// <summary>Query strings not seen before within this second (past the cap every one counts as new).</summary>
    public int DistinctQueries { get; private set; }

    /// <summary>Requests from sources that did not fit under the per-second cap.</summary>
    public int UntrackedSourceRequests { get; private set; }

    public int UntrackedSources { get; private set; }

    public IReadOnlyDictionary<UInt128, SecondSource> Sources => _sources;

    public int DistinctSources => _sources.Count + UntrackedSources;

    public void Add(in TrafficObservation o)
    {
        Requests++;
        if (o.Outcome is RequestOutcome.Dropped or RequestOutcome.Challenged)
        {
            Blocked++;
        }

        if (o.Status >= 500)
        {
            Errors++;
        }

        if (!double.IsNaN(o.OriginMilliseconds))
        {
            LatencySum += o.OriginMilliseconds;
            LatencyCount++;
        }

        if (o.Waf != WafSignal.None)
        {
            WafMatches++;
            WafKinds |= o.Waf;
        }

        if (o.HasQuery)
        {
            WithQuery++;
            if (_queries.Count >= queryCap || _queries.Add(o.QueryHash))
            {
                DistinctQueries++;
            }
        }

        if (_sources.TryGetValue(o.Source, out var s))
        {
            s.Requests++;
        }
        else if (_sources.Count < sourceCap)
        {
            _sources[o.Source] = new SecondSource { Requests = 1, UserAgent = o.UserAgent, Ja4 = o.Ja4, HeaderOrderHash = o.HeaderOrderHash };
        }
        else
        {
            // Past the cap a source cannot be told apart from one already counted; count it once per request.
            UntrackedSourceRequests++;
            UntrackedSources++;
        }
    }

    public void Reset()
    {
        Requests = Errors = Blocked = WafMatches = WithQuery = DistinctQueries = UntrackedSourceRequests = UntrackedSources = LatencyCount = 0;
        LatencySum = 0;
        WafKinds = WafSignal.None;
        _sources.Clear();
        _queries.Clear();
        if (_sources.EnsureCapacity(0) > 4 * 1024)
        {
            _sources.TrimExcess(1024);
        }
    }

    /// <summary>Share of the second's requests sent by its <paramref name="n"/> busiest sources.</summary>
    public double TopShare(int n)
    {
        if (Requests == 0)
        {
            return 0;
        }

        var top = _sources.Values.Select(s => s.Requests).OrderByDescending(r => r).Take(n).Sum();
        return (double)top / Requests;
    }
}
