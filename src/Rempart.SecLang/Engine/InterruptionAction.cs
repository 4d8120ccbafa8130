namespace Rempart.SecLang.Engine;

/// <summary>What the host must do with an interrupted transaction.</summary>
public enum InterruptionAction
{
    /// <summary>Answer with <see cref="Interruption.Status"/> (403 unless a rule set <c>status</c>).</summary>
    Deny,

    /// <summary>Close the connection without an answer.</summary>
    Drop,

    /// <summary>Answer with a redirect to <see cref="Interruption.RedirectUrl"/>.</summary>
    Redirect,
}
