using Rempart.SecLang.Actions;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Operators;

namespace Rempart.SecLang.Parsing;

/// <summary>
/// The state of a load: rules read so far, the open chain, the phase defaults, the settings. Directives
/// write to it; <see cref="Build"/> turns it into an immutable <see cref="RuleSet"/>.
/// </summary>
public sealed class RuleSetBuilder
{
    private readonly List<Rule> _rules = [];
    private readonly Dictionary<int, Rule> _defaults = [];
    private readonly HashSet<int> _ids = [];
    private Rule? _openChain;

    /// <summary>Starts an empty load with <paramref name="options"/>.</summary>
    public RuleSetBuilder(SecLangOptions? options = null) => Options = options ?? new SecLangOptions();

    /// <summary>The host options.</summary>
    public SecLangOptions Options { get; }

    /// <summary>The settings the directives write.</summary>
    public SecLangSettings Settings { get; } = new();

    /// <summary>The rules read so far (chain starters, SecActions, markers).</summary>
    public IReadOnlyList<Rule> Rules => _rules;

    /// <summary>Reads <c>SecRule VARIABLES OPERATOR [ACTIONS]</c>.</summary>
    public void AddRule(string file, int line, string variables, string op, string? actions, string directory)
    {
        var rule = new Rule(file, line, "SecRule");
        var parent = _openChain;
        if (parent is not null)
        {
            rule.Parent = parent;
        }

        rule.Variables.AddRange(VariableListParser.Parse(variables));
        if (rule.Variables.All(v => v.IsExclusion))
        {
            throw new SecLangException("the rule has no target (only exclusions)");
        }

        ParseOperator(rule, op, directory);
        ParseActions(rule, actions, directory);
        Finish(rule);
    }

    /// <summary>Reads <c>SecAction ACTIONS</c>.</summary>
    public void AddAction(string file, int line, string actions, string directory)
    {
        var rule = new Rule(file, line, "SecAction") { Parent = _openChain };
        ParseActions(rule, actions, directory);
        Finish(rule);
    }

    /// <summary>Reads <c>SecMarker NAME</c>.</summary>
    public void AddMarker(string file, int line, string name)
    {
        if (_openChain is not null)
        {
            throw new SecLangException("SecMarker inside an open chain");
        }

        _rules.Add(new Rule(file, line, "SecMarker") { MarkerName = name });
    }

    /// <summary>Reads <c>SecDefaultAction ACTIONS</c> (must name a phase).</summary>
    public void SetDefaultAction(string actions, string directory)
    {
        var template = new Rule("SecDefaultAction", 0, "SecDefaultAction");
        ParseActions(template, actions, directory);
        if (!template.PhaseSet)
        {
            throw new SecLangException("SecDefaultAction must name a phase");
        }

        if (template.Id != 0 || template.Message is not null || template.HasChainAction || template.Skip != 0 || template.SkipAfter is not null)
        {
            throw new SecLangException("SecDefaultAction may not hold id, msg, chain, skip or skipAfter");
        }

        _defaults[template.Phase] = template;
    }

    /// <summary>Removes loaded rules whose id falls in one of <paramref name="ranges"/>.</summary>
    public void RemoveById(IEnumerable<(int From, int To)> ranges)
    {
        var list = ranges.ToList();
        RemoveWhere(r => list.Any(x => r.Id >= x.From && r.Id <= x.To));
    }

    /// <summary>
    /// Makes the rule <paramref name="id"/> count only: it is still evaluated, matched and logged, but it sets no
    /// variable (so adds nothing to an anomaly score) and disrupts nothing. The host's per-rule "count" override;
    /// ModSecurity has no directive for it. False when no loaded rule has the id.
    /// </summary>
    public bool CountOnly(int id)
    {
        var rule = _rules.FirstOrDefault(r => r.Id == id && !r.IsMarker);
        if (rule is null)
        {
            return false;
        }

        for (var link = rule; link is not null; link = link.Chained)
        {
            link.MatchActions.RemoveAll(a => a is SetVarAction);
            link.Disruptive = DisruptiveKind.Pass;
            link.EffectiveDisruptive = DisruptiveKind.Pass;
        }

        return true;
    }

    /// <summary>Removes loaded rules with <paramref name="tag"/>.</summary>
    public void RemoveByTag(string tag) => RemoveWhere(r => r.Tags.Contains(tag));

    /// <summary>Removes loaded rules whose msg is <paramref name="message"/>.</summary>
    public void RemoveByMessage(string message) => RemoveWhere(r => r.Message?.Text == message);

    /// <summary>The loaded chain starters selected by <paramref name="predicate"/>.</summary>
    public List<Rule> Select(Func<Rule, bool> predicate) => _rules.Where(r => !r.IsMarker && predicate(r)).ToList();

    /// <summary>Applies <c>SecRuleUpdateTargetBy*</c>: adds targets (or exclusions) to <paramref name="rule"/>, or replaces <paramref name="replaced"/>.</summary>
    public static void UpdateTargets(Rule rule, string targets, string? replaced)
    {
        var specs = VariableListParser.Parse(targets);
        if (replaced is not null)
        {
            var old = VariableListParser.Parse(replaced);
            rule.Variables.RemoveAll(v => old.Any(o => o.ToString().Equals(v.ToString(), StringComparison.OrdinalIgnoreCase)));
        }

        rule.Variables.AddRange(specs);
        LinkExclusions(rule);
    }

    /// <summary>Applies <c>SecRuleUpdateActionById</c>: the actions are applied on top of the rule's own.</summary>
    public void UpdateActions(Rule rule, string actions, string directory)
    {
        var before = rule.Disruptive;
        rule.Disruptive = DisruptiveKind.None;
        ParseActions(rule, actions, directory, update: true);
        if (rule.Disruptive == DisruptiveKind.None)
        {
            rule.Disruptive = before;
        }

        ApplyDefaults(rule);
    }

    /// <summary>Checks the load is complete and freezes it.</summary>
    public RuleSet Build()
    {
        if (_openChain is not null)
        {
            throw new SecLangParseException(_openChain.File, _openChain.Line, _openChain.Directive, "the rule has 'chain' but no rule follows it");
        }

        var prefixes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var starter in _rules)
        {
            for (var link = starter; link is not null; link = link.Chained)
            {
                var ids = new int[link.TransformationNames.Count];
                var key = "";
                for (var i = 0; i < ids.Length; i++)
                {
                    key += link.TransformationNames[i].ToLowerInvariant() + ",";
                    if (!prefixes.TryGetValue(key, out var id))
                    {
                        id = prefixes.Count + 1;
                        prefixes[key] = id;
                    }

                    ids[i] = id;
                }

                link.TransformationPrefixIds = ids;
            }
        }

        return new RuleSet(_rules.ToArray(), Settings, Options);
    }

    private void RemoveWhere(Func<Rule, bool> predicate) => _rules.RemoveAll(r => !r.IsMarker && predicate(r));

    private void ParseOperator(Rule rule, string text, string directory)
    {
        var op = text.TrimStart();
        if (op.StartsWith('!'))
        {
            rule.OperatorNegated = true;
            op = op[1..].TrimStart();
        }

        string name;
        string argument;
        if (op.StartsWith('@'))
        {
            var end = 1;
            while (end < op.Length && !char.IsWhiteSpace(op[end]))
            {
                end++;
            }

            name = op[1..end];
            argument = op[end..].TrimStart();
        }
        else
        {
            name = "rx";
            argument = op;
        }

        rule.OperatorName = name;
        rule.OperatorArgument = argument;
        rule.Operator = OperatorRegistry.Create(name, new OperatorContext(argument, directory, Options));
    }

    private void ParseActions(Rule rule, string? text, string directory, bool update = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var context = new RuleLoadContext(Options, directory);
        foreach (var (name, value) in ActionListParser.Parse(text))
        {
            if (update && name.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                throw new SecLangException("SecRuleUpdateActionById cannot change the id");
            }

            var action = ActionRegistry.Create(name) ?? throw new SecLangException($"unknown action '{name}'");
            action.Init(rule, value, context);
            rule.ActionNames.Add(name);
            if (action.Kind == ActionKind.NonDisruptive && action is not LoadTimeAction)
            {
                rule.MatchActions.Add(action);
            }
        }
    }

    private void Finish(Rule rule)
    {
        LinkExclusions(rule);
        if (rule.Parent is not null)
        {
            var starter = rule.Parent.Starter;
            rule.Phase = starter.Phase;
            rule.Parent.Chained = rule;
            ApplyTransformDefaults(rule, starter.Phase);
        }
        else
        {
            if (rule.Id == 0)
            {
                throw new SecLangException("the rule has no id");
            }

            if (!_ids.Add(rule.Id))
            {
                throw new SecLangException($"duplicate rule id {rule.Id}");
            }

            if (!rule.PhaseSet)
            {
                rule.Phase = 2;
            }

            ApplyDefaults(rule);
            _rules.Add(rule);
        }

        _openChain = rule.HasChainAction ? rule : null;
    }

    private void ApplyDefaults(Rule rule)
    {
        _defaults.TryGetValue(rule.Phase, out var template);
        rule.Log ??= template?.Log ?? true;
        rule.AuditLog ??= template?.AuditLog ?? true;
        var inherited = template?.Disruptive ?? DisruptiveKind.Pass;
        if (inherited is DisruptiveKind.None or DisruptiveKind.Block)
        {
            inherited = DisruptiveKind.Pass;
        }

        rule.EffectiveDisruptive = rule.Disruptive is DisruptiveKind.None or DisruptiveKind.Block ? inherited : rule.Disruptive;
        if (rule.Disruptive is DisruptiveKind.None or DisruptiveKind.Block && template is not null)
        {
            if (rule.Status == 0)
            {
                rule.Status = template.Status;
            }

            rule.RedirectUrl ??= template.RedirectUrl;
            if (inherited == DisruptiveKind.Allow)
            {
                rule.AllowScope = template.AllowScope;
            }
        }

        ApplyTransformDefaults(rule, rule.Phase);
    }

    private void ApplyTransformDefaults(Rule rule, int phase)
    {
        if (rule.TransformationsReset || !_defaults.TryGetValue(phase, out var template) || template.Transformations.Count == 0)
        {
            return;
        }

        rule.Transformations.InsertRange(0, template.Transformations);
        rule.TransformationNames.InsertRange(0, template.TransformationNames);
        rule.TransformationsReset = true;
    }

    private static void LinkExclusions(Rule rule)
    {
        foreach (var spec in rule.Variables)
        {
            spec.ClearExclusions();
        }

        foreach (var exclusion in rule.Variables.Where(v => v.IsExclusion))
        {
            foreach (var spec in rule.Variables.Where(v => !v.IsExclusion && v.Variable == exclusion.Variable))
            {
                spec.AddExclusion(exclusion);
            }
        }
    }
}
