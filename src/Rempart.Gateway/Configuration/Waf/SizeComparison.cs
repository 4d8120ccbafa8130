namespace Rempart.Gateway.Configuration.Waf;

public enum SizeComparison
{
    Eq,
    Ne,
    Le,
    Lt,
    Ge,
    Gt,
}
