namespace Rempart.Gateway.Functions.Events;

/// <summary>An entry an event function adds to (or removes from) a named IP set of <c>ip_sets</c>; <paramref name="Duration"/> null: kept until removed.</summary>
public sealed record IpSetEffect(string Set, string Cidr, bool Add, TimeSpan? Duration);
