namespace Rempart.Gateway.Configuration.Waf;

public enum InvalidJsonFallback
{
    EvaluateAsString,
    Match,
    NoMatch,
}
