namespace Rempart.Gateway.Shield.Detection;

/// <summary>One source's requests within the current second, with the first values it showed.</summary>
public sealed class SecondSource
{
    public int Requests { get; set; }

    public string? UserAgent { get; init; }

    public string? Ja4 { get; init; }

    public int HeaderOrderHash { get; init; }
}
