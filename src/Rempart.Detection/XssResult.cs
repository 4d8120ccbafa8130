namespace Rempart.Detection;

/// <summary>The verdict of <see cref="XssDetector.Detect"/>.</summary>
/// <param name="IsXss">True when the input would run script if reflected into an HTML page.</param>
/// <param name="Reason">
/// When flagged: a short, stable explanation such as <c>tag:script</c>, <c>attribute:onerror</c>
/// or <c>url-scheme:javascript</c>, meant for logs. Null when the input is clean.
/// </param>
public readonly record struct XssResult(bool IsXss, string? Reason)
{
    /// <summary>The verdict for a clean input.</summary>
    internal static XssResult Clean => default;
}
