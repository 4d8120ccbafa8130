using System.Collections.Frozen;

namespace Rempart.Gateway.Model;

/// <summary>Compiled message rules: headers stripped from responses, the Via pseudonym, host handling.</summary>
public sealed class ProxyModel(IEnumerable<string> removeResponseHeaders, string via, bool preserveHost)
{
    public FrozenSet<string> RemoveResponseHeaders { get; } = removeResponseHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public string Via { get; } = via;

    /// <summary>The Via value per protocol, built once here rather than per message.</summary>
    public string ViaFor(string protocol) => protocol switch
    {
        "HTTP/2" => _via2,
        "HTTP/3" => _via3,
        "HTTP/1.0" => _via10,
        _ => _via11,
    };

    private readonly string _via10 = "1.0 " + via;
    private readonly string _via11 = "1.1 " + via;
    private readonly string _via2 = "2 " + via;
    private readonly string _via3 = "3 " + via;

    public bool PreserveHost { get; } = preserveHost;
}
