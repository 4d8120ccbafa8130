namespace Rempart.Gateway.Configuration.Waf;

/// <summary>The outcome when a SecLang group cannot inspect a request fully.</summary>
public enum InspectionFailure
{
    /// <summary>Fail closed: the request is blocked.</summary>
    Block,

    /// <summary>Fail open: the request goes on; the failure is counted and logged.</summary>
    Allow,
}
