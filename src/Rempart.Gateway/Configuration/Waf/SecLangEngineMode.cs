namespace Rempart.Gateway.Configuration.Waf;

/// <summary>SecRuleEngine for a CRS group.</summary>
public enum SecLangEngineMode
{
    /// <summary>Rules may block.</summary>
    On,

    /// <summary>Rules match and are logged; nothing blocks (Rempart records the matches as count).</summary>
    DetectionOnly,
}
