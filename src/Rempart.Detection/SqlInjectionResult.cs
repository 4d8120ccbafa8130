namespace Rempart.Detection;

/// <summary>The verdict of <see cref="SqlInjectionDetector.Detect"/>.</summary>
/// <param name="IsInjection">True when the input looks like injected SQL.</param>
/// <param name="Fingerprint">
/// When flagged: the folded token-type fingerprint that matched (for example <c>s&amp;1o1</c>:
/// string, logic operator, number, operator, number), which is what rules log as matched data.
/// Null when the input is clean.
/// </param>
public readonly record struct SqlInjectionResult(bool IsInjection, string? Fingerprint)
{
    /// <summary>The verdict for a clean input.</summary>
    internal static SqlInjectionResult Clean => default;
}
