namespace Rempart.Gateway.Waf;

public enum WafActionKind
{
    Allow,
    Block,
    Count,
    Challenge,
}
