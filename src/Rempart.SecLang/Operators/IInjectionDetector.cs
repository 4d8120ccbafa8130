namespace Rempart.SecLang.Operators;

/// <summary>
/// The SQL-injection and XSS detectors behind <c>@detectSQLi</c> and <c>@detectXSS</c>. The host wires
/// Rempart.Detection (or any libinjection-class detector) through <see cref="Engine.SecLangOptions.InjectionDetector"/>;
/// the engine itself does not reference it.
/// </summary>
public interface IInjectionDetector
{
    /// <summary>True when <paramref name="input"/> looks like SQL injection; <paramref name="fingerprint"/> names the shape.</summary>
    bool IsSqlInjection(ReadOnlySpan<char> input, out string? fingerprint);

    /// <summary>True when <paramref name="input"/> would run script if reflected into HTML.</summary>
    bool IsXss(ReadOnlySpan<char> input);
}
