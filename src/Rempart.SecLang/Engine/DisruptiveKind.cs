namespace Rempart.SecLang.Engine;

/// <summary>The disruptive action a rule carries (at most one; the last one written wins).</summary>
public enum DisruptiveKind
{
    /// <summary>No disruptive action written: the phase's <c>SecDefaultAction</c> decides.</summary>
    None,

    /// <summary>Continue with the next rule.</summary>
    Pass,

    /// <summary>Use the phase's default disruptive action.</summary>
    Block,

    /// <summary>Stop and answer with the status.</summary>
    Deny,

    /// <summary>Stop and close the connection.</summary>
    Drop,

    /// <summary>Stop and redirect.</summary>
    Redirect,

    /// <summary>Stop evaluating rules (all, the current phase, or the request phases).</summary>
    Allow,
}
