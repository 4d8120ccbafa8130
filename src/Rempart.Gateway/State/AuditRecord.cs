namespace Rempart.Gateway.State;

/// <summary>Who changed what, why and when: every change made through the admin API or an automation.</summary>
public sealed record AuditRecord(long Id, DateTimeOffset Time, string Actor, string Action, string Detail);
