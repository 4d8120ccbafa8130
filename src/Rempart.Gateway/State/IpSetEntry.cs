namespace Rempart.Gateway.State;

/// <summary>One CIDR in a named IP set kept in the state store (lists fed by operators or automations).</summary>
public sealed record IpSetEntry(string SetName, string Cidr, string Source, DateTimeOffset AddedAt, DateTimeOffset? ExpiresAt);
