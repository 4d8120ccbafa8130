namespace Rempart.Gateway.Model;

/// <summary>
/// The current <see cref="GatewayModel"/> behind one volatile reference, and what the last reload
/// said. A swap is atomic: each request reads <see cref="Current"/> once.
/// </summary>
public sealed class GatewayState(GatewayModel initial)
{
    private volatile GatewayModel _current = initial;

    public GatewayModel Current => _current;

    public ReloadStatus LastReload { get; private set; } = new(true, initial.LoadedAt, initial.Generation, [], []);

    public void Swap(GatewayModel next, IReadOnlyList<string> warnings)
    {
        _current = next;
        LastReload = new ReloadStatus(true, next.LoadedAt, next.Generation, [], warnings);
    }

    public void RecordFailure(DateTimeOffset at, IReadOnlyList<string> errors) =>
        LastReload = new ReloadStatus(false, at, _current.Generation, errors, []);
}

/// <summary>The outcome of the last reload attempt, shown by the admin API.</summary>
public sealed record ReloadStatus(bool Ok, DateTimeOffset At, long ActiveGeneration, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
