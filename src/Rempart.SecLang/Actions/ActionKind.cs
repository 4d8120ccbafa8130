namespace Rempart.SecLang.Actions;

/// <summary>The ModSecurity action groups; they decide when an action runs.</summary>
public enum ActionKind
{
    /// <summary>Describes the rule (id, msg, tag, …); applied when the rule loads.</summary>
    Metadata,

    /// <summary>Decides what happens to the transaction (deny, pass, block, …); applied when the rule loads.</summary>
    Disruptive,

    /// <summary>Changes how the rule is evaluated (t:, capture, multiMatch, …); applied when the rule loads.</summary>
    Data,

    /// <summary>Changes the rule flow (chain, skip, skipAfter); applied when the rule loads.</summary>
    Flow,

    /// <summary>Runs on every match (setvar, ctl, initcol, …).</summary>
    NonDisruptive,
}
