namespace Rempart.Gateway.Configuration.Functions;

/// <summary>What an edge function's failure (a throw or a limit hit) does to the request it ran for.</summary>
public enum FunctionErrorMode
{
    /// <summary>The request (or response) goes on as if the function had not run.</summary>
    FailOpen,

    /// <summary>The viewer gets a 503 page: for functions that enforce something (auth, geo rules).</summary>
    FailClosed,
}
