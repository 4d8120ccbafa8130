namespace Rempart.SecLang.Operators;

/// <summary>The detector used when the host wires none: never reports anything (documented in docs/seclang.md).</summary>
public sealed class NoInjectionDetector : IInjectionDetector
{
    /// <summary>The shared instance.</summary>
    public static readonly NoInjectionDetector Instance = new();

    /// <inheritdoc/>
    public bool IsSqlInjection(ReadOnlySpan<char> input, out string? fingerprint)
    {
        fingerprint = null;
        return false;
    }

    /// <inheritdoc/>
    public bool IsXss(ReadOnlySpan<char> input) => false;
}
