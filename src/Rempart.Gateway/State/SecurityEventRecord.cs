namespace Rempart.Gateway.State;

/// <summary>A persisted security event (request blocked, attack started, decision added …) with its JSON payload.</summary>
public sealed record SecurityEventRecord(long Id, DateTimeOffset Time, string Type, string? RequestId, string? ClientIp, string? Route, string Data);
