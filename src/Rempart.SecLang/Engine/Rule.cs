using Rempart.SecLang.Actions;
using Rempart.SecLang.Operators;
using Rempart.SecLang.Transformations;
using Rempart.SecLang.Variables;

namespace Rempart.SecLang.Engine;

/// <summary>
/// One compiled rule (<c>SecRule</c>, <c>SecAction</c> or <c>SecMarker</c>), or one link of a chain.
/// Built by the parser, adjusted by <c>SecRuleUpdate*</c> directives while loading, then only read.
/// </summary>
public sealed class Rule
{
    internal Rule(string file, int line, string directive)
    {
        File = file;
        Line = line;
        Directive = directive;
    }

    /// <summary>The file the rule was read from.</summary>
    public string File { get; }

    /// <summary>The line where the rule starts.</summary>
    public int Line { get; }

    /// <summary>The directive that wrote the rule (<c>SecRule</c>, <c>SecAction</c>, <c>SecMarker</c>).</summary>
    public string Directive { get; }

    /// <summary>The rule id (0 for chain links and markers).</summary>
    public int Id { get; internal set; }

    /// <summary>The phase, 1–5 (chain links carry their starter's phase).</summary>
    public int Phase { get; internal set; }

    /// <summary>True once a <c>phase</c> action was seen.</summary>
    internal bool PhaseSet { get; set; }

    /// <summary>The marker name of a <c>SecMarker</c>, else null.</summary>
    public string? MarkerName { get; internal set; }

    /// <summary>The <c>msg</c> action.</summary>
    public Macro? Message { get; internal set; }

    /// <summary>The <c>logdata</c> action.</summary>
    public Macro? LogData { get; internal set; }

    /// <summary>The <c>severity</c> action (0 emergency … 7 debug), or null.</summary>
    public int? Severity { get; internal set; }

    /// <summary>The <c>tag</c> actions.</summary>
    public List<string> Tags { get; } = [];

    /// <summary>The <c>ver</c> action.</summary>
    public string? Version { get; internal set; }

    /// <summary>The <c>rev</c> action.</summary>
    public string? Revision { get; internal set; }

    /// <summary>The <c>maturity</c> action.</summary>
    public int? Maturity { get; internal set; }

    /// <summary>The <c>accuracy</c> action.</summary>
    public int? Accuracy { get; internal set; }

    /// <summary>The targets, in order, exclusions included.</summary>
    public List<VariableSpec> Variables { get; } = [];

    /// <summary>The operator name as written (without <c>@</c>), e.g. <c>rx</c>.</summary>
    public string OperatorName { get; internal set; } = "unconditionalMatch";

    /// <summary>The operator argument as written.</summary>
    public string OperatorArgument { get; internal set; } = "";

    /// <summary>The compiled operator.</summary>
    internal IOperator? Operator { get; set; }

    /// <summary><c>!@op</c>.</summary>
    public bool OperatorNegated { get; internal set; }

    /// <summary>The transformations applied before the operator.</summary>
    internal List<ITransformation> Transformations { get; } = [];

    /// <summary>For each transformation, the id of the chain prefix ending with it (for the per-transaction cache).</summary>
    internal int[] TransformationPrefixIds { get; set; } = [];

    /// <summary>The transformation names, for logs and tests.</summary>
    public List<string> TransformationNames { get; } = [];

    /// <summary>True once <c>t:none</c> was seen: the default action's transformations do not apply.</summary>
    internal bool TransformationsReset { get; set; }

    /// <summary>The actions that run on a match (setvar, ctl, …), in order.</summary>
    internal List<IRuleAction> MatchActions { get; } = [];

    /// <summary>The action names as written, for <c>SecRuleUpdateActionById</c> and tests.</summary>
    public List<string> ActionNames { get; } = [];

    /// <summary>The disruptive action as written.</summary>
    public DisruptiveKind Disruptive { get; internal set; }

    /// <summary>The disruptive action after the phase default has been applied.</summary>
    public DisruptiveKind EffectiveDisruptive { get; internal set; }

    /// <summary>The scope of an <c>allow</c>.</summary>
    public AllowScope AllowScope { get; internal set; }

    /// <summary>The <c>status</c> action, or 0.</summary>
    public int Status { get; internal set; }

    /// <summary>The <c>redirect</c> target.</summary>
    public Macro? RedirectUrl { get; internal set; }

    /// <summary><c>log</c> / <c>nolog</c>; null until set or inherited.</summary>
    public bool? Log { get; internal set; }

    /// <summary><c>auditlog</c> / <c>noauditlog</c>.</summary>
    public bool? AuditLog { get; internal set; }

    /// <summary><c>capture</c>: the operator fills TX:0–TX:9.</summary>
    public bool Capture { get; internal set; }

    /// <summary><c>multiMatch</c>: the operator runs after every transformation that changed the value.</summary>
    public bool MultiMatch { get; internal set; }

    /// <summary><c>chain</c>: the next rule read is a link of this one.</summary>
    public bool HasChainAction { get; internal set; }

    /// <summary>The next link of the chain, or null.</summary>
    public Rule? Chained { get; internal set; }

    /// <summary>The chain starter of a link, or null for a starter.</summary>
    public Rule? Parent { get; internal set; }

    /// <summary><c>skip:N</c>.</summary>
    public int Skip { get; internal set; }

    /// <summary><c>skipAfter:MARKER</c>.</summary>
    public string? SkipAfter { get; internal set; }

    /// <summary>True for a <c>SecMarker</c>.</summary>
    public bool IsMarker => MarkerName is not null;

    /// <summary>True when the rule has targets (<c>SecRule</c>); <c>SecAction</c> always matches once.</summary>
    public bool HasTargets => Variables.Count > 0;

    /// <summary>The chain starter (this rule for a starter).</summary>
    public Rule Starter
    {
        get
        {
            var rule = this;
            while (rule.Parent is not null)
            {
                rule = rule.Parent;
            }

            return rule;
        }
    }

    /// <summary>Id, file and line, for messages.</summary>
    public override string ToString() => $"rule {Id} ({File}:{Line})";
}
