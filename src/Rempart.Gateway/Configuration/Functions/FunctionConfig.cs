namespace Rempart.Gateway.Configuration.Functions;

/// <summary>
/// One named function: JavaScript (a file or inline code) or, for event functions, an HTTP endpoint.
/// The compiled script is kept in <see cref="Source"/> by the validator so that the model compiles
/// exactly what was validated, parsed once.
/// </summary>
public sealed record FunctionConfig
{
    [ConfigDoc("When it runs: viewer_request (may rewrite the request or answer it), viewer_response (may change the response's status and headers), or event (off the request path, on gateway events).")]
    [RequiredKey]
    public FunctionTrigger On { get; init; }

    [ConfigDoc("JavaScript file defining function handler(event), relative to the config file. One of file, code or url.")]
    public string? File { get; init; }

    [ConfigDoc("Inline JavaScript defining function handler(event). One of file, code or url.")]
    public string? Code { get; init; }

    [ConfigDoc("Event functions only: an HTTP(S) endpoint that receives each event as a signed JSON POST instead of JavaScript. One of file, code or url.")]
    public string? Url { get; init; }

    [ConfigDoc("With url: file holding the HMAC-SHA256 key used to sign the POST (at least 32 characters), relative to the config file.")]
    public string? SecretFile { get; init; }

    [ConfigDoc("Edge functions: names of the routes the function runs on. Default: every route.")]
    public IReadOnlyList<string> Routes { get; init; } = [];

    [ConfigDoc("Event functions: which events trigger the function.")]
    public FunctionSubscribeConfig Subscribe { get; init; } = new();

    [ConfigDoc("Execution limits; defaults depend on on (see the functions guide).")]
    public FunctionLimitsConfig Limits { get; init; } = new();

    [ConfigDoc("Edge functions: fail_open (default; the request goes on unchanged) or fail_closed (the viewer gets 503) when the function throws or hits a limit.")]
    public FunctionErrorMode OnError { get; init; } = FunctionErrorMode.FailOpen;

    /// <summary>Set by the validator: the parsed script (null for url functions and invalid code).</summary>
    internal Rempart.Gateway.Functions.FunctionSource? Source { get; set; }
}
