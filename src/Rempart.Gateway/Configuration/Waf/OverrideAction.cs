namespace Rempart.Gateway.Configuration.Waf;

public enum OverrideAction
{
    None,
    Count,
}
