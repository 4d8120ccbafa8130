namespace Rempart.Gateway.Configuration.Waf;

public enum RuleOverride
{
    Count,
    Block,
    Allow,
    Challenge,
    Disable,
}
