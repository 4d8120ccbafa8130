using System.Collections.Frozen;

namespace Rempart.Gateway.Model;

/// <summary>Compiled message rules: headers stripped from responses, the Via pseudonym, host handling.</summary>
public sealed class ProxyModel(IEnumerable<string> removeResponseHeaders, string via, bool preserveHost)
{
    public FrozenSet<string> RemoveResponseHeaders { get; } = removeResponseHeaders.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public string Via { get; } = via;

    public bool PreserveHost { get; } = preserveHost;
}
