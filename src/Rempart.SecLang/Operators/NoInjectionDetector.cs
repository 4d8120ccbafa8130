namespace Rempart.SecLang.Operators;

/// <summary>A detector that never reports anything, for hosts that want @detectSQLi / @detectXSS off.</summary>
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
