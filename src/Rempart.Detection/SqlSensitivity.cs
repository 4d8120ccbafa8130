namespace Rempart.Detection;

/// <summary>
/// How eagerly <see cref="SqlInjectionDetector"/> flags short or ambiguous shapes.
/// </summary>
public enum SqlSensitivity
{
    /// <summary>
    /// Flags shapes that only make sense as injected SQL (a quote closed then a boolean clause,
    /// a UNION SELECT, a stacked statement, a comment that truncates the query, ...).
    /// </summary>
    Low,

    /// <summary>
    /// Also flags shorter shapes that are usually but not always SQL, such as a bare
    /// <c>1 OR 2</c>, a value followed by a comment, or a lone SQL function call.
    /// Meant for AWS-WAF-style <c>sensitivity_level: HIGH</c>; expect more false positives.
    /// </summary>
    High,
}
