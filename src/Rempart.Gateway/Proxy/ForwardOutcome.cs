namespace Rempart.Gateway.Proxy;

/// <summary>How one attempt to forward to a pool ended; expected failures are values, not exceptions.</summary>
public enum ForwardOutcome
{
    Ok,
    NoHealthyTarget,
    ConnectFailed,
    TimedOut,
    FailoverStatus,
    ClientAborted,
    FailedAfterStart,
}
