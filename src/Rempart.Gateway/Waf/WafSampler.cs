using System.Collections.Concurrent;

namespace Rempart.Gateway.Waf;

/// <summary>
/// Keeps the last <see cref="PerRule"/> matched requests of each rule (AWS: sampled requests), for
/// <c>GET /api/v1/web-acls/{name}/sampled</c>. Fixed memory: a small ring per rule.
/// </summary>
public sealed class WafSampler
{
    public const int PerRule = 50;

    private readonly ConcurrentDictionary<(string Acl, string Rule), Ring> _rings = new();

    public void Add(string acl, string rule, WafSample sample) => _rings.GetOrAdd((acl, rule), _ => new Ring()).Add(sample);

    public IReadOnlyDictionary<string, IReadOnlyList<WafSample>> For(string acl) =>
        _rings.Where(r => r.Key.Acl == acl).ToDictionary(r => r.Key.Rule, r => r.Value.Snapshot());

    private sealed class Ring
    {
        private readonly WafSample?[] _items = new WafSample?[PerRule];
        private int _next;

        public void Add(WafSample sample)
        {
            lock (_items)
            {
                _items[_next++ % PerRule] = sample;
            }
        }

        public IReadOnlyList<WafSample> Snapshot()
        {
            lock (_items)
            {
                return _items.Where(i => i is not null).Select(i => i!).OrderByDescending(i => i.Time).ToList();
            }
        }
    }
}
