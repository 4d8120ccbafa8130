namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// An exponentially weighted moving average over one-second samples whose horizon is the baseline
/// window. Until a window's worth of samples has been seen it is the plain mean, so a fresh
/// gateway learns its baseline in its first seconds instead of creeping up from zero.
/// </summary>
public sealed class MovingAverage(double windowSeconds)
{
    private long _samples;

    public double Value { get; private set; }

    public long Samples => _samples;

    public void Add(double sample)
    {
        _samples++;
        var weight = Math.Max(1.0 / _samples, 1.0 / Math.Max(windowSeconds, 1));
        Value += (sample - Value) * weight;
    }
}
