namespace Rempart.Gateway.Configuration.Waf;

public enum LabelMatchScope
{
    Label,
    Namespace,
}
