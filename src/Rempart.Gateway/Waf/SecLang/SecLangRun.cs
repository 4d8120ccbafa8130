using System.Globalization;
using Rempart.Gateway.Configuration.Waf;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Text;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>
/// One request through a <see cref="SecLangGroup"/>: the engine transaction, and what of it was already reported
/// to the web ACL (matches become <see cref="RuleMatch"/>es and labels; an interruption becomes a block).
/// </summary>
/// <remarks>
/// Step 1 (<see cref="RunRequest"/>): connection, request line, headers, phase 1; the body start, phase 2.
/// Step 2 (<see cref="Report"/>): new logged matches → labels <c>rempart:crs:rule:ID</c> (and <c>rempart:crs:attack:X</c>
/// from CRS's attack-X tags), the anomaly score label, then the decision: the engine's interruption, the oversize
/// setting, or an abandoned inspection with on_error: block.
/// Steps 3–4 run on the response (<see cref="SecLangResponseInspector"/>), then <see cref="Finish"/> runs phase 5.
/// </remarks>
public sealed class SecLangRun(SecLangGroup group, Transaction transaction, bool countOnly)
{
    private const int MaxValueShown = 200;
    private int _reported;
    private int _scoreReported;
    private bool _oversizeBlock;
    private bool _timeoutReported;
    private bool _failureReported;

    public SecLangGroup Group { get; } = group;

    public Transaction Transaction { get; } = transaction;

    /// <summary>The override_action is count: nothing blocks, everything is recorded.</summary>
    public bool CountOnly { get; } = countOnly;

    /// <summary>The rule id the web ACL reports for the block (e.g. crs/949110), once blocked.</summary>
    public string? BlockingRule { get; private set; }

    /// <summary>The engine threw (a bug, or a limit it did not expect): on_error decides, as for a regex timeout.</summary>
    public bool EngineFailed { get; private set; }

    // Step 1
    internal void RunRequest(WafRequest request)
    {
        try
        {
            RunRequestPhases(request);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            EngineFailed = true;
        }
    }

    private void RunRequestPhases(WafRequest request)
    {
        var tx = Transaction;
        tx.ProcessConnection(request.ClientIp.ToString(), request.ClientPort, request.ServerAddress, request.ServerPort);
        tx.ProcessUri(Latin1.FromText(request.RequestLineTarget ?? request.RawTarget), request.Method, request.Protocol);
        foreach (var (name, value) in request.Headers)
        {
            tx.AddRequestHeader(Latin1.FromText(name), Latin1.FromText(value));
        }

        if (tx.ProcessRequestHeaders() is not null)
        {
            return;
        }

        var body = request.Body;
        if (request.BodyOversize)
        {
            switch (Group.Oversize)
            {
                case OversizeHandling.Match:
                    _oversizeBlock = true;
                    return;
                case OversizeHandling.NoMatch:
                    body = ReadOnlyMemory<byte>.Empty;
                    break;
            }
        }

        if (!body.IsEmpty && tx.AppendRequestBody(body.Span) is not null)
        {
            return;
        }

        tx.ProcessRequestBody();
    }

    // Step 2
    /// <summary>Reports matches not yet reported; returns the block action when the request (or response) must stop.</summary>
    public WafAction? Report(Action<string> addLabel, List<RuleMatch> matches, List<RuleTrace>? trace)
    {
        var tx = Transaction;
        var interruption = tx.Interruption;
        var stop = Decide(interruption);
        var kind = Group.Kind;
        for (; _reported < tx.MatchedRules.Count; _reported++)
        {
            var matched = tx.MatchedRules[_reported];
            if (!matched.IsLogged && !matched.Disruptive)
            {
                continue;
            }

            var names = Group.Names.Of(matched.Rule);
            var id = names.AclRuleId;
            addLabel(names.RuleLabel);
            foreach (var attack in names.AttackLabels)
            {
                addLabel(attack);
            }

            var action = stop is not null && matched.Disruptive && interruption?.RuleId == matched.Id ? "block" : "count";
            if (action == "block")
            {
                BlockingRule = id;
            }

            var detail = Detail(matched, names.Transformations);
            matches.Add(new RuleMatch(id, action, detail));
            trace?.Add(new RuleTrace(id, true, action, detail));
        }

        var score = Math.Max(tx.InboundAnomalyScore, tx.OutboundAnomalyScore);
        if (score > 0 && score != _scoreReported)
        {
            _scoreReported = score;
            addLabel(Group.Names.ScoreLabel(score));
        }

        if (tx.RegexTimeouts > 0 && !_timeoutReported)
        {
            // Counted (rempart_waf_rule_matches_total) and logged (labels) whether or not on_error blocks.
            _timeoutReported = true;
            addLabel($"rempart:{kind}:regex_timeout");
            if (stop is null || BlockingRule is not null)
            {
                matches.Add(new RuleMatch($"{Group.Name}/regex-timeout", "count", null));
            }
        }

        if (EngineFailed && !_failureReported)
        {
            _failureReported = true;
            addLabel($"rempart:{kind}:engine_error");
            if (stop is null || BlockingRule is not null)
            {
                matches.Add(new RuleMatch($"{Group.Name}/engine-error", "count", null));
            }
        }

        if (stop is not null && BlockingRule is null)
        {
            BlockingRule = _oversizeBlock ? $"{Group.Name}/body-oversize"
                : EngineFailed ? $"{Group.Name}/engine-error"
                : tx.InspectionAbandoned || tx.RegexTimeouts > 0 ? $"{Group.Name}/regex-timeout"
                : $"{Group.Name}/{interruption?.RuleId.ToString(CultureInfo.InvariantCulture) ?? "interruption"}";
            matches.Add(new RuleMatch(BlockingRule, "block", null));
            trace?.Add(new RuleTrace(BlockingRule, true, "block", null));
        }

        return stop;
    }

    /// <summary>Runs a response phase; an engine exception counts as a failed inspection (on_error decides).</summary>
    internal void Guard(Action phase)
    {
        try
        {
            phase();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            EngineFailed = true;
        }
    }

    /// <summary>Phase 5 (logging) and the persistent collections; nothing is left to decide, so a failure is only recorded.</summary>
    public void Finish() => Guard(() =>
    {
        Transaction.ProcessLogging();
        if (Group.AuditLog is { } audit && Transaction.IsAuditRelevant)
        {
            audit.Write(Transaction.AuditLogJson(Transaction.RuleSet.Options.TimeProvider.GetUtcNow()));
        }
    });

    private WafAction? Decide(Interruption? interruption)
    {
        if (CountOnly)
        {
            return null;
        }

        if (_oversizeBlock)
        {
            return WafAction.Block;
        }

        if (interruption is not null)
        {
            if (Group.OnError == InspectionFailure.Allow && SecLangLoadPlan.InspectionFailureRules.Contains(interruption.RuleId))
            {
                return null;
            }

            return interruption.Action switch
            {
                InterruptionAction.Redirect when interruption.RedirectUrl is { } url =>
                    new WafAction(WafActionKind.Block, interruption.Status, Headers: new Dictionary<string, string> { ["Location"] = Latin1.ToText(url) }),
                _ => interruption.Status is >= 400 and <= 599 && interruption.Status != 403 ? new WafAction(WafActionKind.Block, interruption.Status) : WafAction.Block,
            };
        }

        return Group.OnError == InspectionFailure.Block && (Transaction.RegexTimeouts > 0 || EngineFailed) ? WafAction.Block : null;
    }

    private static MatchDetail Detail(MatchedRule matched, string transformations)
    {
        var first = matched.Matches.Count > 0 ? matched.Matches[0] : null;
        var value = first is null ? "" : Latin1.ToText(first.Value);
        if (value.Length > MaxValueShown)
        {
            value = value[..MaxValueShown] + "…";
        }

        var message = matched.Message.Length == 0 ? null : Latin1.ToText(matched.Data.Length == 0 ? matched.Message : $"{matched.Message} ({matched.Data})");
        return new MatchDetail("seclang", first?.VariableName ?? "", value, transformations, message);
    }
}
