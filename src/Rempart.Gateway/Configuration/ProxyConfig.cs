namespace Rempart.Gateway.Configuration;

public sealed record ProxyConfig
{
    [ConfigDoc("Response headers removed before the client sees them, so the origin's software stays hidden.")]
    public IReadOnlyList<string> RemoveResponseHeaders { get; init; } =
        ["Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Runtime", "X-Generator", "X-Drupal-Cache", "X-Varnish"];

    [ConfigDoc("Pseudonym added to the Via header of requests and responses; empty: no Via.")]
    public string Via { get; init; } = "rempart";

    [ConfigDoc("Send the client's Host header to the origin instead of the target's host.")]
    public bool PreserveHost { get; init; }
}
