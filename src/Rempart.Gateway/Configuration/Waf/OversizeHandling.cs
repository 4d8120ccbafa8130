namespace Rempart.Gateway.Configuration.Waf;

/// <summary>What a statement does when the field is larger than what was inspected (AWS: OversizeHandling).</summary>
public enum OversizeHandling
{
    /// <summary>Inspect what was read, as if it were all.</summary>
    Continue,

    /// <summary>The statement matches.</summary>
    Match,

    /// <summary>The statement does not match.</summary>
    NoMatch,
}
