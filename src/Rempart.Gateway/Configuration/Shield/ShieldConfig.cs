namespace Rempart.Gateway.Configuration.Shield;

/// <summary>
/// The <c>shield:</c> section: flood protection. Every part is on by default, so a config without
/// this section (DESIGN.md's smallest one, the embedded default) is protected; turning a part off
/// is written explicitly (<c>transport: { enabled: false }</c>).
/// </summary>
public sealed record ShieldConfig
{
    [ConfigDoc("Always-on connection and HTTP limits enforced by the listener (slowloris, slow POST, header floods, connection floods, HTTP/2 abuse).")]
    public TransportGuardConfig Transport { get; init; } = new();

    [ConfigDoc("How requests over an origin's or route's budget wait and are refused (budgets themselves are set on origins and routes).")]
    public OriginProtectionConfig OriginProtection { get; init; } = new();

    [ConfigDoc("Automatic layer-7 attack detection per route (baselines, attack events).")]
    public DetectionConfig Detection { get; init; } = new();

    [ConfigDoc("Automatic mitigation of detected attacks: signature, baseline test, action.")]
    public MitigationConfig Mitigation { get; init; } = new();

    [ConfigDoc("Under-attack mode: challenge every client without a valid challenge token.")]
    public UnderAttackConfig UnderAttack { get; init; } = new();
}
