namespace Rempart.Gateway.State;

/// <summary>One SecLang persistent-collection record (IP, SESSION, USER, GLOBAL, RESOURCE): its values as a JSON object.</summary>
public sealed record CollectionRecord(string Collection, string Key, string Values, DateTimeOffset ExpiresAt);
