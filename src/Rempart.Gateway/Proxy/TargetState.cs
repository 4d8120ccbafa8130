namespace Rempart.Gateway.Proxy;

/// <summary>
/// One target of an origin pool and what is known about it at run time: health from active probes
/// and from passive observation of real traffic, and the number of requests in flight.
/// Lives as long as the pool; shared by every config snapshot that uses the pool.
/// </summary>
public sealed class TargetState(Uri address)
{
    private int _inFlight;
    private int _consecutiveFailures;
    private int _probeSuccesses;
    private int _probeFailures;
    private long _passiveUntilTicks;

    public Uri Address { get; } = address;

    /// <summary>The YARP destination prefix: scheme://host:port/base-path.</summary>
    public string Prefix { get; } = address.GetLeftPart(UriPartial.Path);

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Verdict of active probes; true until probes say otherwise.</summary>
    public bool ActiveHealthy { get; private set; } = true;

    public bool IsPassivelyEjected(DateTimeOffset now) => now.UtcTicks < Interlocked.Read(ref _passiveUntilTicks);

    public bool IsHealthy(DateTimeOffset now) => ActiveHealthy && !IsPassivelyEjected(now);

    public DateTimeOffset? LastProbe { get; private set; }

    public string? LastProbeError { get; private set; }

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Records a request outcome; returns true when this failure ejects the target.</summary>
    public bool ReportRequest(bool failed, int threshold, DateTimeOffset now, TimeSpan reactivation)
    {
        if (!failed)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
            return false;
        }

        if (Interlocked.Increment(ref _consecutiveFailures) < threshold)
        {
            return false;
        }

        Volatile.Write(ref _consecutiveFailures, 0);
        var wasEjected = IsPassivelyEjected(now);
        Interlocked.Exchange(ref _passiveUntilTicks, (now + reactivation).UtcTicks);
        return !wasEjected;
    }

    /// <summary>Records a probe result; returns the new active health when it changes, else null.</summary>
    public bool? ReportProbe(bool success, string? error, int healthyThreshold, int unhealthyThreshold, DateTimeOffset now)
    {
        LastProbe = now;
        LastProbeError = error;
        if (success)
        {
            _probeFailures = 0;
            if (!ActiveHealthy && ++_probeSuccesses >= healthyThreshold)
            {
                _probeSuccesses = 0;
                ActiveHealthy = true;
                Interlocked.Exchange(ref _passiveUntilTicks, 0);
                return true;
            }

            return null;
        }

        _probeSuccesses = 0;
        if (ActiveHealthy && ++_probeFailures >= unhealthyThreshold)
        {
            _probeFailures = 0;
            ActiveHealthy = false;
            return false;
        }

        return null;
    }
}
