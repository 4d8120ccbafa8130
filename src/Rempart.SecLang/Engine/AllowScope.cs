namespace Rempart.SecLang.Engine;

/// <summary>How far an <c>allow</c> action reaches.</summary>
public enum AllowScope
{
    /// <summary><c>allow</c>: skip every remaining phase except logging.</summary>
    All,

    /// <summary><c>allow:phase</c>: skip the rest of the current phase.</summary>
    Phase,

    /// <summary><c>allow:request</c>: skip the remaining request phases (1 and 2).</summary>
    Request,
}
