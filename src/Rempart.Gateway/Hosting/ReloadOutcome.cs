namespace Rempart.Gateway.Hosting;

public sealed record ReloadOutcome(bool Applied, bool Unchanged, long Generation, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
