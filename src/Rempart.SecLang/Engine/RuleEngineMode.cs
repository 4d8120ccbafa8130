namespace Rempart.SecLang.Engine;

/// <summary><c>SecRuleEngine</c>: whether rules run and whether their disruptive actions apply.</summary>
public enum RuleEngineMode
{
    /// <summary>Rules do not run.</summary>
    Off,

    /// <summary>Rules run and disruptive actions interrupt the transaction.</summary>
    On,

    /// <summary>Rules run and are logged, but nothing is interrupted.</summary>
    DetectionOnly,
}
