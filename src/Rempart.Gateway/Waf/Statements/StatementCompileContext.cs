using System.Text.Json;
using System.Text.RegularExpressions;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Fields;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>What compiling statements needs: the named sets (each compiled once per config, with their run-time entries) and the rate counters.</summary>
public sealed class StatementCompileContext(GatewayConfig config, RateCounterStore rates, string baseDirectory, IpSets.RuntimeIpSets? runtimeIpSets = null)
{
    private Geo.GeoLookup? _geo;

    /// <summary>The geo databases, opened on first use (only configs with geo or ASN statements need them).</summary>
    public Geo.GeoLookup Geo => _geo ??= Rempart.Gateway.Waf.Geo.GeoLookup.Open(
        Config.Geo.Database is { } d ? ConfigPaths.Resolve(BaseDirectory, d) : null,
        Config.Geo.AsnDatabase is { } a ? ConfigPaths.Resolve(BaseDirectory, a) : null);

    private readonly Dictionary<string, IpPrefixSet> _ipSets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Regex[]> _regexSets = new(StringComparer.Ordinal);

    public GatewayConfig Config { get; } = config;

    /// <summary>The config file's folder: relative paths in the config start here.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    public RateCounterStore Rates { get; } = rates;

    /// <summary>Id of the rule being compiled (rate counters are kept per rule).</summary>
    public string RuleId { get; set; } = "";

    private readonly Dictionary<int, RegexPrefilter> _prefilters = [];
    /// <summary>Set when a compiled statement reads <c>header_order</c> (the listeners then observe header arrival order).</summary>
    public bool UsesHeaderOrder { get; set; }

    private readonly Dictionary<string, SharedFieldSelector> _selectors = new(StringComparer.Ordinal);

    /// <summary>
    /// The selector of a field, one instance and id per distinct field description in the config, so
    /// that rules reading the same field share its values and per-request results (see <see cref="SharedFieldSelector"/>).
    /// </summary>
    public SharedFieldSelector Selector(FieldToMatchConfig field)
    {
        UsesHeaderOrder |= field.HeaderOrder;
        var key = JsonSerializer.Serialize(field);
        if (!_selectors.TryGetValue(key, out var selector))
        {
            _selectors[key] = selector = new SharedFieldSelector(FieldSelectorCompiler.Compile(field), _selectors.Count + 1);
        }

        return selector;
    }

    /// <summary>The prefilter of a transformation chain; sealed by <see cref="SealPrefilters"/> once all rules are compiled.</summary>
    public RegexPrefilter Prefilter(int chainId)
    {
        if (!_prefilters.TryGetValue(chainId, out var p))
        {
            _prefilters[chainId] = p = new RegexPrefilter(chainId);
        }

        return p;
    }

    private readonly List<RegexMatchStatement> _regexStatements = [];
    private readonly Dictionary<(string, RegexOptions), Regex> _linear = [];

    public RegexMatchStatement Register(RegexMatchStatement statement)
    {
        _regexStatements.Add(statement);
        return statement;
    }

    /// <summary>
    /// Seals every chain's prefilter, then gives the rules no prefilter shields linear-time regexes
    /// (each distinct regex converted once).
    /// </summary>
    public void SealPrefilters()
    {
        foreach (var p in _prefilters.Values)
        {
            p.Seal();
        }

        foreach (var statement in _regexStatements.Where(s => s.Unshielded))
        {
            statement.UseLinearTimeRegexes(Linear);
        }
    }

    private Regex Linear(Regex regex)
    {
        var key = (regex.ToString(), regex.Options);
        if (!_linear.TryGetValue(key, out var linear))
        {
            try
            {
                linear = new Regex(regex.ToString(), regex.Options | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
            }
            catch (NotSupportedException)
            {
                linear = regex;
            }

            _linear[key] = linear;
        }

        return linear;
    }

    /// <summary>The run-time entries of a set (event functions, admin API), or null when the host keeps none.</summary>
    public IpSets.RuntimeIpSet? RuntimeIpSet(string name) => runtimeIpSets?.Get(name);

    public IpPrefixSet IpSet(string name)
    {
        if (!_ipSets.TryGetValue(name, out var set))
        {
            set = new IpPrefixSet(Config.IpSets.GetValueOrDefault(name, []).Select(c => CidrParser.TryParse(c, out var n) ? n : throw new InvalidOperationException(c)));
            _ipSets[name] = set;
        }

        return set;
    }

    public Regex[] RegexSet(string name)
    {
        if (!_regexSets.TryGetValue(name, out var set))
        {
            set = Config.RegexSets[name].Select(RegexMatchStatement.Compile).ToArray();
            _regexSets[name] = set;
        }

        return set;
    }
}
