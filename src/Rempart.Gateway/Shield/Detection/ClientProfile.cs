namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// What the baseline remembers of one client seen in normal traffic: enough to ask "would this
/// signature have hit it?" without keeping its requests.
/// </summary>
public sealed class ClientProfile
{
    public long LastSeenSecond { get; set; }

    /// <summary>The most requests this client sent in one normal second.</summary>
    public int PeakPerSecond { get; set; }

    public string? UserAgent { get; set; }

    public string? Ja4 { get; set; }

    public int HeaderOrderHash { get; set; }

    public string? Country { get; set; }

    public long? Asn { get; set; }
}
