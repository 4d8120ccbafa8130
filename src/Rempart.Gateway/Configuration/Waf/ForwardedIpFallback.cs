namespace Rempart.Gateway.Configuration.Waf;

public enum ForwardedIpFallback
{
    Match,
    NoMatch,
}
