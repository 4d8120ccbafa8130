namespace Rempart.Gateway.Configuration.Waf;

public sealed record LabelMatchConfig
{
    [ConfigDoc("label: the whole label; namespace: every label that starts with key followed by ':'.")]
    public LabelMatchScope Scope { get; init; } = LabelMatchScope.Label;

    [ConfigDoc("The label or namespace, e.g. rempart:managed:core or app:login-flood.")]
    [RequiredKey]
    public string Key { get; init; } = "";
}
