namespace Rempart.Gateway.State;

/// <summary>A stored attack event: indexed columns plus the whole report as versioned JSON (<c>"v": 1</c>).</summary>
public sealed record AttackRecord(string Id, string Route, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Data);
