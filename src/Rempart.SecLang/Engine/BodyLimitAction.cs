namespace Rempart.SecLang.Engine;

/// <summary><c>SecRequestBodyLimitAction</c> / <c>SecResponseBodyLimitAction</c>.</summary>
public enum BodyLimitAction
{
    /// <summary>Interrupt the transaction (413 for requests, 500 for responses).</summary>
    Reject,

    /// <summary>Inspect the part within the limit and let the rest through.</summary>
    ProcessPartial,
}
