using Rempart.SecLang.Variables;

namespace Rempart.SecLang.Engine;

/// <summary>The rule-side state of a transaction: TX, matched variables, per-transaction rule removals, persistent collections.</summary>
public sealed partial class Transaction
{
    private readonly List<(int From, int To)> _removedIdRanges = [];
    private readonly HashSet<string> _removedTags = new(StringComparer.Ordinal);
    private readonly List<string> _removedMessages = [];
    private readonly List<(int From, int To, VariableSpec Target)> _removedTargetsById = [];
    private readonly List<(string Tag, VariableSpec Target)> _removedTargetsByTag = [];
    private readonly List<(string Message, VariableSpec Target)> _removedTargetsByMessage = [];
    private readonly Dictionary<string, PersistentRecord> _persistent = new(StringComparer.OrdinalIgnoreCase);

    internal Dictionary<string, string> Tx { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal string MatchedVar { get; set; } = "";

    internal string MatchedVarName { get; set; } = "";

    internal List<MatchTarget> MatchedVars { get; } = [];

    internal Rule? CurrentRule { get; set; }

    internal Dictionary<string, string> Env { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>ENV: the host's environment merged with values set by <c>setenv</c>.</summary>
    internal IReadOnlyDictionary<string, string> EnvironmentVariables()
    {
        if (Env.Count == 0 && Options.Environment is not null)
        {
            return Options.Environment;
        }

        if (Options.Environment is not null)
        {
            foreach (var pair in Options.Environment)
            {
                Env.TryAdd(pair.Key, pair.Value);
            }
        }

        return Env;
    }

    internal void RemoveRuleIds(int from, int to) => _removedIdRanges.Add((from, to));

    internal void RemoveRuleTag(string tag) => _removedTags.Add(tag);

    internal void RemoveRuleMessage(string message) => _removedMessages.Add(message);

    internal void RemoveTargetById(int from, int to, VariableSpec target) => _removedTargetsById.Add((from, to, target));

    internal void RemoveTargetByTag(string tag, VariableSpec target) => _removedTargetsByTag.Add((tag, target));

    internal void RemoveTargetByMessage(string message, VariableSpec target) => _removedTargetsByMessage.Add((message, target));

    internal bool IsRuleRemoved(Rule rule)
    {
        foreach (var (from, to) in _removedIdRanges)
        {
            if (rule.Id >= from && rule.Id <= to)
            {
                return true;
            }
        }

        if (_removedTags.Count > 0)
        {
            foreach (var tag in rule.Tags)
            {
                if (_removedTags.Contains(tag))
                {
                    return true;
                }
            }
        }

        if (_removedMessages.Count > 0 && rule.Message is not null)
        {
            foreach (var message in _removedMessages)
            {
                if (rule.Message.Text == message)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when a <c>ctl:ruleRemoveTarget*</c> removed <paramref name="variable"/>:<paramref name="key"/> from <paramref name="starter"/>.</summary>
    internal bool IsTargetRemoved(Rule starter, string variable, string? key)
    {
        if (_removedTargetsById.Count == 0 && _removedTargetsByTag.Count == 0 && _removedTargetsByMessage.Count == 0)
        {
            return false;
        }

        foreach (var (from, to, target) in _removedTargetsById)
        {
            if (starter.Id >= from && starter.Id <= to && Covers(target, variable, key))
            {
                return true;
            }
        }

        foreach (var (tag, target) in _removedTargetsByTag)
        {
            if (starter.Tags.Contains(tag) && Covers(target, variable, key))
            {
                return true;
            }
        }

        foreach (var (message, target) in _removedTargetsByMessage)
        {
            if (starter.Message?.Text == message && Covers(target, variable, key))
            {
                return true;
            }
        }

        return false;
    }

    internal bool HasRemovedTargets => _removedTargetsById.Count + _removedTargetsByTag.Count + _removedTargetsByMessage.Count > 0;

    private static bool Covers(VariableSpec target, string variable, string? key) =>
        target.Variable.Name == variable && (target.SelectsAll || (key is not null && target.MatchesKey(key)));

    /// <summary>The persistent collection opened under <paramref name="collection"/>, or null.</summary>
    internal Dictionary<string, string>? Persistent(string collection) =>
        _persistent.TryGetValue(collection, out var record) ? record.Values : null;

    /// <summary>Loads the record (a second initcol of the same collection replaces the first, as in ModSecurity).</summary>
    internal void OpenPersistent(string collection, string key)
    {
        var now = Clock.GetUtcNow();
        _persistent[collection] = new PersistentRecord(key, CollectionStore.Load(collection, key, now), now, RuleSet.Settings.CollectionTimeout);
    }

    /// <summary>Writes back the records rules changed; each then lives SecCollectionTimeout from now.</summary>
    private void StorePersistentCollections()
    {
        if (_persistent.Count == 0)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var timeout = TimeSpan.FromSeconds(RuleSet.Settings.CollectionTimeout);
        foreach (var (collection, record) in _persistent)
        {
            if (record.Changes(now) is { } update)
            {
                CollectionStore.Store(collection, record.Key, update, now, timeout);
            }
        }
    }
}
