namespace Rempart.Gateway.Configuration.Waf;

public enum MatchScope
{
    Value,
    Key,
    All,
}
