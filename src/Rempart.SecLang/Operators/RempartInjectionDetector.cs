using Rempart.Detection;

namespace Rempart.SecLang.Operators;

/// <summary>The default detectors: Rempart.Detection's SQL-injection and XSS detectors (libinjection-class).</summary>
public sealed class RempartInjectionDetector : IInjectionDetector
{
    /// <summary>The shared instance.</summary>
    public static readonly RempartInjectionDetector Instance = new();

    /// <inheritdoc/>
    public bool IsSqlInjection(ReadOnlySpan<char> input, out string? fingerprint)
    {
        var result = SqlInjectionDetector.Detect(input);
        fingerprint = result.Fingerprint;
        return result.IsInjection;
    }

    /// <inheritdoc/>
    public bool IsXss(ReadOnlySpan<char> input) => XssDetector.Detect(input).IsXss;
}
