namespace Rempart.Gateway.Shield.Mitigation;

/// <summary>The parts of a request a signature can match, taken once by the enforcing middleware.</summary>
public readonly record struct RequestKey(UInt128 Source, string? UserAgent, string? Ja4, int HeaderOrderHash);
