namespace Rempart.SecLang.Engine;

/// <summary>
/// A loaded, immutable rule set: the rules per phase (markers included, in file order), the engine
/// settings and the options. Thread-safe; create one <see cref="Transaction"/> per request.
/// </summary>
public sealed class RuleSet
{
    private readonly Rule[][] _phases;

    internal RuleSet(IReadOnlyList<Rule> rules, SecLangSettings settings, SecLangOptions options)
    {
        Rules = rules;
        Settings = settings;
        Options = options;
        _phases = new Rule[6][];
        for (var phase = 1; phase <= 5; phase++)
        {
            var p = phase;
            _phases[phase] = rules.Where(r => r.IsMarker || r.Phase == p).ToArray();
        }

        _phases[0] = [];
    }

    /// <summary>Every rule (chain starters, SecActions and markers) in load order.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The engine settings written by the directives.</summary>
    public SecLangSettings Settings { get; }

    /// <summary>The host options this set was loaded with.</summary>
    public SecLangOptions Options { get; }

    /// <summary>
    /// Starts a transaction; <paramref name="id"/> becomes UNIQUE_ID (a new GUID when null). <paramref name="clock"/> is
    /// the host's clock when a rule set shared by several hosts must follow each host's time (default: the options').
    /// </summary>
    public Transaction NewTransaction(string? id = null, TimeProvider? clock = null) => new(this, id, clock);

    /// <summary>The rule with <paramref name="id"/>, or null.</summary>
    public Rule? FindRule(int id) => Rules.FirstOrDefault(r => r.Id == id && !r.IsMarker);

    internal Rule[] Phase(int phase) => _phases[phase];
}
