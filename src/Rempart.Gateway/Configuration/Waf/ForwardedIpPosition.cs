namespace Rempart.Gateway.Configuration.Waf;

public enum ForwardedIpPosition
{
    First,
    Last,
    Any,
}
