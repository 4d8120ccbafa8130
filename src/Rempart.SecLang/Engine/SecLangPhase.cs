namespace Rempart.SecLang.Engine;

/// <summary>The five ModSecurity phases.</summary>
public enum SecLangPhase
{
    /// <summary>Phase 1: request line and headers are known.</summary>
    RequestHeaders = 1,

    /// <summary>Phase 2: the request body has been read and parsed.</summary>
    RequestBody = 2,

    /// <summary>Phase 3: response status and headers are known.</summary>
    ResponseHeaders = 3,

    /// <summary>Phase 4: the response body has been read.</summary>
    ResponseBody = 4,

    /// <summary>Phase 5: after the response, for logging.</summary>
    Logging = 5,
}
