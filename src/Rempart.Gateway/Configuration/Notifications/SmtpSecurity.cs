namespace Rempart.Gateway.Configuration.Notifications;

public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (port 587).</summary>
    Starttls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>No encryption: only for a relay on the same host or network.</summary>
    None,
}
