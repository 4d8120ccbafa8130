namespace Rempart.Caching.Storage;

/// <summary>A request field a stored response varies on, with the normalised value it was stored for (null: absent).</summary>
public readonly record struct VaryValue(string Name, string? Value);
