namespace Rempart.Gateway.Configuration;

public sealed record PassiveHealthCheckConfig
{
    [ConfigDoc("Passive checks on or off.")]
    public bool Enabled { get; init; } = true;

    [ConfigDoc("Consecutive failed requests (connection errors, timeouts, 5xx from the origin when status_failures is on) that take a target out.")]
    public int ConsecutiveFailures { get; init; } = 5;

    [ConfigDoc("Count 500-599 answers as failures too (not only connection errors and timeouts).")]
    public bool StatusFailures { get; init; }

    [ConfigDoc("How long a target taken out by passive checks stays out before it gets traffic again (unless active checks decide).")]
    public TimeSpan ReactivationPeriod { get; init; } = TimeSpan.FromSeconds(30);
}
