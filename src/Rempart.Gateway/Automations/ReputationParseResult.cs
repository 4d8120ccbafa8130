using System.Net;

namespace Rempart.Gateway.Automations;

/// <summary>A parsed list, or why it was refused (<see cref="Problem"/>); the last good list stays in force then.</summary>
public sealed record ReputationParseResult(IReadOnlyList<IPNetwork> Networks, int Invalid, int TooBroad, string? Problem)
{
    public bool Ok => Problem is null;

    public static ReputationParseResult Failed(string problem) => new([], 0, 0, problem);
}
