using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Tests.Engine;

/// <summary>initcol / setvar / expirevar / SecCollectionTimeout on the engine's store, on a clock the test moves.</summary>
public sealed class PersistentCollectionTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingStore : IPersistentCollectionStore
    {
        private readonly InMemoryCollectionStore _inner = new();

        public int Writes { get; private set; }

        public TimeSpan LastTimeout { get; private set; }

        public Dictionary<string, string> Load(string collection, string key, DateTimeOffset now) => _inner.Load(collection, key, now);

        public void Store(string collection, string key, CollectionUpdate update, DateTimeOffset now, TimeSpan timeout)
        {
            Writes++;
            LastTimeout = timeout;
            _inner.Store(collection, key, update, now, timeout);
        }
    }

    private static RuleSet Load(string text)
    {
        var parser = new SecLangParser();
        parser.LoadText("SecRuleEngine On\nSecCollectionTimeout 300\n" + text);
        return parser.Build();
    }

    private static Transaction Run(RuleSet rules, IPersistentCollectionStore store, TimeProvider clock, string uri = "/")
    {
        var tx = rules.NewTransaction(null, clock);
        tx.CollectionStore = store;
        tx.ProcessConnection("10.0.0.1", 5555, "10.0.0.2", 80);
        tx.ProcessUri(uri, "GET", "HTTP/1.1");
        tx.ProcessRequestHeaders();
        tx.ProcessLogging();
        return tx;
    }

    [Fact]
    public void Counter_ExpiresWithExpirevar_OnTheTransactionClock_AndIsNewOnlyOnFirstUse()
    {
        var rules = Load("""
            SecAction "id:1,phase:1,pass,nolog,initcol:ip=%{REMOTE_ADDR}"
            SecRule IP:IS_NEW "@eq 1" "id:2,phase:1,pass,log,msg:'new client'"
            SecRule ARGS:count "@streq yes" "id:3,phase:1,pass,nolog,setvar:ip.hits=+1,expirevar:ip.hits=60"
            SecRule IP:hits "@ge 2" "id:4,phase:1,pass,log,msg:'hits %{ip.hits}'"
            """);
        var store = new CountingStore();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));

        Assert.Contains(Run(rules, store, clock, "/?count=yes").MatchedRules, r => r.Id == 2);
        var second = Run(rules, store, clock, "/?count=yes");
        Assert.DoesNotContain(second.MatchedRules, r => r.Id == 2);
        Assert.Equal("hits 2", Assert.Single(second.MatchedRules, r => r.Id == 4).Message);
        Assert.Equal(TimeSpan.FromSeconds(300), store.LastTimeout);

        clock.Now += TimeSpan.FromSeconds(61);
        var writes = store.Writes;
        var later = Run(rules, store, clock); // reads only: hits expired, nothing changed, nothing written
        Assert.DoesNotContain(later.MatchedRules, r => r.Id == 4);
        Assert.Equal(writes, store.Writes);
    }

    [Fact]
    public void Record_ExpiresAfterSecCollectionTimeout()
    {
        var rules = Load("""
            SecAction "id:1,phase:1,pass,nolog,initcol:ip=%{REMOTE_ADDR},setvar:ip.seen=+1"
            SecRule IP:seen "@ge 2" "id:2,phase:1,pass,log,msg:'seen before'"
            """);
        var store = new CountingStore();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
        Run(rules, store, clock);
        clock.Now += TimeSpan.FromSeconds(299);
        Assert.Contains(Run(rules, store, clock).MatchedRules, r => r.Id == 2);
        clock.Now += TimeSpan.FromSeconds(301); // the last write extended it by 300 s from then; now past it
        Assert.DoesNotContain(Run(rules, store, clock).MatchedRules, r => r.Id == 2);
    }

    [Fact]
    public void ParallelIncrements_OfOneClient_AreAllCounted()
    {
        // Transactions of one client load the same record; replacing it on store would count a parallel
        // burst once (a per-IP limit evaded by sending in parallel). Stores merge deltas instead.
        var rules = Load("""
            SecAction "id:1,phase:1,pass,nolog,initcol:ip=%{REMOTE_ADDR},setvar:ip.hits=+1"
            """);
        var store = new InMemoryCollectionStore();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
        Run(rules, store, clock); // the record exists: hits=1

        var open = Enumerable.Range(0, 50).Select(_ =>
        {
            var tx = rules.NewTransaction(null, clock);
            tx.CollectionStore = store;
            tx.ProcessConnection("10.0.0.1", 5555, "10.0.0.2", 80);
            tx.ProcessUri("/", "GET", "HTTP/1.1");
            tx.ProcessRequestHeaders(); // all 50 loaded hits=1 before any stored
            return tx;
        }).ToList();
        Parallel.ForEach(open, tx => tx.ProcessLogging());

        Assert.Equal("51", store.Load("IP", "10.0.0.1", clock.Now)["hits"]);
        Assert.Equal("51", store.Load("IP", "10.0.0.1", clock.Now)["UPDATE_COUNTER"]);
    }

    [Fact]
    public void Merge_SetsNonNumbers_DeletesWhatTheTransactionDeleted_KeepsWhatItDidNotTouch()
    {
        var update = new CollectionUpdate(
            new Dictionary<string, string> { ["hits"] = "3", ["mode"] = "a", ["gone"] = "x", ["LAST_UPDATE_TIME"] = "100" },
            new Dictionary<string, string> { ["hits"] = "5", ["mode"] = "b", ["LAST_UPDATE_TIME"] = "200" });
        var merged = update.ApplyTo(new Dictionary<string, string> { ["hits"] = "10", ["mode"] = "c", ["gone"] = "x", ["other"] = "kept", ["LAST_UPDATE_TIME"] = "150" });

        Assert.Equal("12", merged["hits"]);          // 10 + (5 - 3)
        Assert.Equal("b", merged["mode"]);
        Assert.False(merged.ContainsKey("gone"));
        Assert.Equal("kept", merged["other"]);
        Assert.Equal("200", merged["LAST_UPDATE_TIME"]); // a time is set, never added to
    }
}
