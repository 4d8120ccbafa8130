using Rempart.Gateway.Shield.Mitigation;

namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// Detection and mitigation state of one route. The request path calls <see cref="Check"/>
/// (lock-free: reads the applied mitigations) and <see cref="Record"/> (a few counter and table
/// updates under the route's lock); a one-second <see cref="Tick"/> closes the bucket and runs
/// the detector:
/// <list type="number">
/// <item>Step 1: measure the second (rate, 5xx, origin latency, WAF matches, transport limit hits) against the baseline: a measure departs when it exceeds both factor × baseline and its floor.</item>
/// <item>Step 2: no attack open — a normal second feeds the baselines and the known clients; <c>trigger_seconds</c> departing seconds in a row open an attack.</item>
/// <item>Step 3: attack open — count it, classify the second, rebuild and test the signature, escalate to under-attack mode if requests still pass above the threshold; <c>quiet_period</c> calm seconds close it and remove its mitigations.</item>
/// </list>
/// Memory is bounded by <see cref="DetectionSettings.MaxSources"/> in every per-source table.
/// </summary>
public sealed class RouteMonitor
{
    /// <summary>The recent-traffic tables halve every second: they describe roughly the last two seconds.</summary>
    private const double RecentDecay = 0.5;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Func<UInt128, (string? Country, long? Asn)>? _geo;
    private SecondStats _second;
    private TrafficComposition _recent;
    private KnownClients _known;
    private MovingAverage _rate;
    private MovingAverage _errors;
    private MovingAverage _latency;
    private MovingAverage _waf;
    private int _departing;
    private long _pendingRequests;
    private List<string> _pendingTriggers = [];
    private int _transportConnections;
    private int _transportSlow;

    // Transport limits fire in bursts (every slow connection opened together times out together),
    // so they are judged over the last few seconds, not one: a window of per-second hits.
    private readonly (int Connections, int Slow)[] _transportWindow = new (int, int)[TransportWindowSeconds];
    private int _transportSlot;
    private const int TransportWindowSeconds = 5;
    private OpenAttack? _attack;
    private volatile ActiveMitigation[] _mitigations = [];
    private volatile bool _underAttack;

    public RouteMonitor(string route, DetectionSettings detection, MitigationSettings mitigation, Func<UInt128, (string? Country, long? Asn)>? geo = null)
    {
        Route = route;
        Detection = detection;
        Mitigation = mitigation;
        _geo = geo;
        _second = new SecondStats(detection.MaxSources, detection.MaxSources);
        _recent = new TrafficComposition(detection.MaxSources);
        _known = new KnownClients(detection.MaxSources);
        var window = detection.BaselineWindow.TotalSeconds;
        _rate = new MovingAverage(window);
        _errors = new MovingAverage(window);
        _latency = new MovingAverage(window);
        _waf = new MovingAverage(window);
    }

    public string Route { get; }

    public DetectionSettings Detection { get; private set; }

    public MitigationSettings Mitigation { get; private set; }

    public bool AttackOpen => Volatile.Read(ref _attack) is not null;

    /// <summary>True while automatic under-attack mode is on for this route.</summary>
    public bool UnderAttack => _underAttack;

    public IReadOnlyList<ActiveMitigation> Mitigations => _mitigations;

    /// <summary>Entries held in the route's per-source tables (bounded; exposed for tests and a gauge).</summary>
    public int TrackedEntries
    {
        get
        {
            lock (_gate)
            {
                return _second.Sources.Count + _recent.Entries + _known.Count + (_attack?.Composition.Entries ?? 0);
            }
        }
    }

    /// <summary>New settings from a reload; the baseline and any open attack carry on.</summary>
    public void Reconfigure(DetectionSettings detection, MitigationSettings mitigation)
    {
        lock (_gate)
        {
            if (detection.MaxSources != Detection.MaxSources)
            {
                _second = new SecondStats(detection.MaxSources, detection.MaxSources);
                _recent = new TrafficComposition(detection.MaxSources);
                _known = new KnownClients(detection.MaxSources);
            }

            if (detection.BaselineWindow != Detection.BaselineWindow)
            {
                var window = detection.BaselineWindow.TotalSeconds;
                (_rate, _errors, _latency, _waf) = (Carry(_rate, window), Carry(_errors, window), Carry(_latency, window), Carry(_waf, window));
            }

            Detection = detection;
            Mitigation = mitigation;
        }
    }

    /// <summary>The strongest verdict of the applied mitigations that match this request (lock-free unless rate limiting).</summary>
    public MitigationVerdict Check(in RequestKey key, DateTimeOffset now)
    {
        var verdict = MitigationVerdict.None;
        foreach (var m in _mitigations)
        {
            if (m.Matches(key))
            {
                var v = m.Apply(key.Source, now);
                if (v > verdict)
                {
                    verdict = v;
                }
            }
        }

        return verdict;
    }

    public void Record(in TrafficObservation o)
    {
        lock (_gate)
        {
            _second.Add(o);
            _recent.Add(o);
            if (_attack is { } attack)
            {
                attack.Composition.Add(o);
                switch (o.Outcome)
                {
                    case RequestOutcome.Dropped: attack.Dropped++; break;
                    case RequestOutcome.Challenged: attack.Challenged++; break;
                    case RequestOutcome.Counted: attack.Counted++; attack.Passed++; break;
                    default: attack.Passed++; break;
                }
            }
        }
    }

    /// <summary>A transport limit fired for this source (only the transport monitor gets these).</summary>
    public void RecordTransport(bool slow, UInt128 source)
    {
        lock (_gate)
        {
            if (slow)
            {
                _transportSlow++;
            }
            else
            {
                _transportConnections++;
            }

            // Zero: Kestrel closed the connection itself and the address is not known; counted, never a signature value.
            if (source != UInt128.Zero)
            {
                _recent.Sources.Add(source);
                _recent.Prefixes.Add(AddressKey.Prefix(source));
                _attack?.Composition.Sources.Add(source);
                _attack?.Composition.Prefixes.Add(AddressKey.Prefix(source));
            }
        }
    }

    public AttackChange? Tick(DateTimeOffset now)
    {
        lock (_gate)
        {
            var change = Detection.Enabled ? Evaluate(now) : EndIfDisabled(now);
            _recent.Decay(RecentDecay);
            _second.Reset();
            _transportConnections = _transportSlow = 0;
            foreach (var m in _mitigations)
            {
                m.NextSecond();
            }

            return change;
        }
    }

    public AttackReport? Snapshot(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _attack is null ? null : Report(_attack, null);
        }
    }

    private AttackChange? Evaluate(DateTimeOffset now)
    {
        // Step 1
        var s = _second;
        var d = Detection;
        var triggers = new List<string>(2);
        var rateLimit = Math.Max(d.RateFactor * _rate.Value, d.RateFloor);
        var rateDeparts = s.Requests > rateLimit;
        if (rateDeparts)
        {
            triggers.Add($"request rate {s.Requests}/s above {rateLimit:0.#}/s (baseline {_rate.Value:0.#}/s)");
        }

        if (s.Errors > Math.Max(d.ErrorFactor * _errors.Value, d.ErrorFloor))
        {
            triggers.Add($"origin errors {s.Errors}/s above {Math.Max(d.ErrorFactor * _errors.Value, d.ErrorFloor):0.#}/s (baseline {_errors.Value:0.#}/s)");
        }

        var latency = s.LatencyCount > 0 ? s.LatencySum / s.LatencyCount : double.NaN;
        var latencyLimit = Math.Max(d.LatencyFactor * _latency.Value, d.LatencyFloorMilliseconds);
        if (s.LatencyCount >= 10 && latency > latencyLimit)
        {
            triggers.Add($"origin latency {latency:0} ms above {latencyLimit:0} ms (baseline {_latency.Value:0} ms)");
        }

        var wafDeparts = s.WafMatches > Math.Max(d.WafMatchFactor * _waf.Value, d.WafMatchFloor);
        if (wafDeparts)
        {
            triggers.Add($"WAF matches {s.WafMatches}/s above {Math.Max(d.WafMatchFactor * _waf.Value, d.WafMatchFloor):0.#}/s (baseline {_waf.Value:0.#}/s)");
        }

        _transportWindow[_transportSlot] = (_transportConnections, _transportSlow);
        _transportSlot = (_transportSlot + 1) % TransportWindowSeconds;
        var (connections, slow) = (_transportWindow.Sum(w => w.Connections), _transportWindow.Sum(w => w.Slow));
        if (connections + slow > d.TransportFloor)
        {
            triggers.Add($"transport limits fired {connections + slow} times in {TransportWindowSeconds} s ({connections} connection, {slow} slow-client) above {d.TransportFloor:0}");
        }

        var departs = triggers.Count > 0;
        var vectors = departs ? Classify(s, rateDeparts, wafDeparts, connections, slow) : AttackVector.None;
        return _attack is null ? Watch(now, departs, triggers, vectors) : Follow(now, _attack, departs, vectors, rateLimit);
    }

    // Step 2
    private AttackChange? Watch(DateTimeOffset now, bool departs, List<string> triggers, AttackVector vectors)
    {
        var s = _second;
        if (!departs)
        {
            _departing = 0;
            _pendingRequests = 0;
            _pendingTriggers = [];
            Learn(now, s);
            return null;
        }

        _departing++;
        _pendingRequests += s.Requests;
        _pendingTriggers = triggers;
        if (_departing < Detection.TriggerSeconds)
        {
            return null;
        }

        var attack = new OpenAttack(
            Guid.CreateVersion7(now).ToString("N")[..20],
            now,
            new AttackBaseline(Math.Round(_rate.Value, 2), Math.Round(_errors.Value, 2), Math.Round(_latency.Value, 1), _known.Count),
            Detection.MaxSources)
        {
            Vectors = vectors,
            Total = _pendingRequests,
            Peak = s.Requests,
            LastSecondRequests = s.Requests,
        };
        attack.Triggers.AddRange(_pendingTriggers);
        attack.Composition.AddFrom(_recent);
        _departing = 0;
        _pendingRequests = 0;
        Volatile.Write(ref _attack, attack);
        AddGeo(attack, s);
        Remitigate(now, attack, stillPassing: false);
        return new AttackChange(AttackChangeKind.Started, Report(attack, null));
    }

    // Step 3
    private AttackChange? Follow(DateTimeOffset now, OpenAttack attack, bool departs, AttackVector vectors, double rateLimit)
    {
        var s = _second;
        attack.Seconds++;
        attack.Total += s.Requests;
        attack.Peak = Math.Max(attack.Peak, s.Requests);
        attack.LastSecondRequests = s.Requests;
        attack.Vectors |= vectors;
        AddGeo(attack, s);
        attack.QuietSeconds = departs ? 0 : attack.QuietSeconds + 1;
        if (attack.QuietSeconds >= Math.Max(1, (int)Detection.QuietPeriod.TotalSeconds))
        {
            return End(now, attack);
        }

        var passedThisSecond = s.Requests - s.Blocked;
        var changed = Remitigate(now, attack, stillPassing: departs && passedThisSecond > rateLimit);
        if (changed)
        {
            return new AttackChange(AttackChangeKind.MitigationChanged, Report(attack, null));
        }

        if (now - attack.LastProgress >= ProgressEvery)
        {
            attack.LastProgress = now;
            return new AttackChange(AttackChangeKind.Progress, Report(attack, null));
        }

        return null;
    }

    private AttackChange? EndIfDisabled(DateTimeOffset now) => _attack is { } attack ? End(now, attack) : null;

    private AttackChange End(DateTimeOffset now, OpenAttack attack)
    {
        foreach (var (kind, record) in attack.Records.ToList())
        {
            if (record.Applied && record.RemovedAt is null)
            {
                attack.Records[kind] = record with { RemovedAt = now };
            }
        }

        _mitigations = [];
        _underAttack = false;
        Volatile.Write(ref _attack, null);
        return new AttackChange(AttackChangeKind.Ended, Report(attack, now));
    }

    /// <summary>Rebuilds the signature from the recent traffic; returns true when what is applied changed.</summary>
    private bool Remitigate(DateTimeOffset now, OpenAttack attack, bool stillPassing)
    {
        var m = Mitigation;
        if (!m.Enabled)
        {
            return false;
        }

        var changed = false;
        var candidates = SignatureBuilder.Build(_recent, 1 - RecentDecay, _known, attack.Vectors, m, attack.Applied, now, Detection.MaxSources, _geo);
        foreach (var c in candidates)
        {
            var kind = c.Mitigation.Kind;
            var current = attack.Applied.GetValueOrDefault(kind);
            if (c.Accepted && (current is null || !current.SameAs(c.Mitigation)))
            {
                // A component that grows (more sources) replaces the old one; notify only when a new kind appears.
                changed |= current is null;
                attack.Applied[kind] = c.Mitigation;
            }

            if (c.Accepted || !attack.Applied.ContainsKey(kind))
            {
                var applied = attack.Applied.GetValueOrDefault(kind);
                attack.Records[kind] = new MitigationRecord
                {
                    Kind = SignatureKindNames.Name(kind),
                    Action = ActionName(m.Action),
                    Applied = c.Accepted,
                    Values = c.Mitigation.Values(20).ToList(),
                    ValueCount = c.Mitigation.ValueCount,
                    BaselineShare = Math.Round(c.BaselineShare, 4),
                    At = applied?.AppliedAt ?? now,
                    EnforcedFrom = c.Accepted ? c.Mitigation.EnforceAt : null,
                };
            }
        }

        _mitigations = attack.Applied.Values.ToArray();

        // Escalation: requests still get through above the threshold well after mitigation began.
        attack.SecondsStillPassing = stillPassing ? attack.SecondsStillPassing + 1 : 0;
        if (m.UnderAttackAutomatic && !attack.UnderAttack && attack.SecondsStillPassing >= Math.Max(1, (int)m.UnderAttackAfter.TotalSeconds))
        {
            attack.UnderAttack = true;
            _underAttack = true;
            changed = true;
        }

        return changed;
    }

    private void Learn(DateTimeOffset now, SecondStats s)
    {
        _rate.Add(s.Requests);
        _errors.Add(s.Errors);
        _waf.Add(s.WafMatches);
        if (s.LatencyCount > 0)
        {
            _latency.Add(s.LatencySum / s.LatencyCount);
        }

        var second = now.ToUnixTimeSeconds();
        foreach (var (source, seen) in s.Sources)
        {
            var profile = _known.Touch(source, second, seen.Requests, out var added);
            profile.UserAgent = seen.UserAgent is { Length: <= TrafficComposition.MaxValueLength } ua ? ua : profile.UserAgent;
            profile.Ja4 = seen.Ja4 ?? profile.Ja4;
            profile.HeaderOrderHash = seen.HeaderOrderHash;
            if (added && _geo is not null)
            {
                (profile.Country, profile.Asn) = _geo(source);
            }
        }
    }

    private void AddGeo(OpenAttack attack, SecondStats s)
    {
        if (_geo is null)
        {
            return;
        }

        foreach (var (source, seen) in s.Sources)
        {
            var (country, asn) = _geo(source);
            attack.Composition.AddGeo(country, asn, seen.Requests);
            _recent.AddGeo(country, asn, seen.Requests);
        }
    }

    private AttackVector Classify(SecondStats s, bool rateDeparts, bool wafDeparts, int transportConnections, int transportSlow)
    {
        var v = AttackVector.None;
        if (wafDeparts)
        {
            v |= AttackVector.WafCampaign;
        }

        if (transportSlow > Detection.TransportFloor / 2)
        {
            v |= AttackVector.SlowClients;
        }

        if (transportConnections > Detection.TransportFloor / 2)
        {
            v |= AttackVector.ConnectionFlood;
        }

        if (s.Requests > 0 && (rateDeparts || v == AttackVector.None))
        {
            if (s.WithQuery * 2 >= s.Requests && s.DistinctQueries >= 0.8 * s.WithQuery)
            {
                v |= AttackVector.CacheBusting;
            }

            v |= s.UntrackedSources == 0 && s.TopShare(Detection.FewSources) >= 0.5 ? AttackVector.RequestFloodFewSources : AttackVector.RequestFloodDistributed;
        }

        return v;
    }

    private AttackReport Report(OpenAttack a, DateTimeOffset? endedAt)
    {
        var c = a.Composition;
        static List<Contributor> Top<T>(HeavyHitters<T> table, Func<T, string> format) where T : notnull =>
            table.Top(5).Select(kv => new Contributor(format(kv.Key), (long)Math.Round(kv.Value))).ToList();
        return new AttackReport
        {
            Id = a.Id,
            Route = Route,
            StartedAt = a.StartedAt,
            EndedAt = endedAt,
            Vectors = AttackVectorNames.Names(a.Vectors),
            Triggers = a.Triggers.ToList(),
            Baseline = a.Baseline,
            PeakRequestsPerSecond = a.Peak,
            RequestsPerSecond = endedAt is null ? a.LastSecondRequests : 0,
            TotalRequests = a.Total,
            Dropped = a.Dropped,
            Challenged = a.Challenged,
            Passed = a.Passed,
            Counted = a.Counted,
            UnderAttackMode = a.UnderAttack,
            TopContributors = new AttackContributors(
                Top(c.Sources, AddressKey.Format),
                Top(c.Prefixes, AddressKey.FormatPrefix),
                Top(c.Countries, x => x),
                Top(c.Asns, x => "AS" + x),
                Top(c.UserAgents, x => x),
                Top(c.Paths, x => x)),
            Mitigations = a.Records.Values.OrderBy(r => r.At).ToList(),
        };
    }

    public static string ActionName(MitigationAction action) => action switch
    {
        MitigationAction.RateLimit => "rate_limit",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static MovingAverage Carry(MovingAverage old, double window)
    {
        var fresh = new MovingAverage(window);
        fresh.Add(old.Value);
        return fresh;
    }
}
