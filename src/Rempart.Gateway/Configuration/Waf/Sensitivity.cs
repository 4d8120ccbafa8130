namespace Rempart.Gateway.Configuration.Waf;

public enum Sensitivity
{
    Low,
    High,
}
