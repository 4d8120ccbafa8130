namespace Rempart.Caching.Http;

/// <summary>
/// A read-only view of header fields, as small as the engine needs: the gateway adapts its
/// <c>IHeaderDictionary</c> to it without copying; tests and stored entries use <see cref="HeaderList"/>.
/// Names compare case-insensitively; a name may have several field lines.
/// </summary>
public interface IHeaderView
{
    /// <summary>The field lines of <paramref name="name"/> in order; empty when absent.</summary>
    IReadOnlyList<string> GetValues(string name);

    /// <summary>Every field line in order (name as received, value).</summary>
    IEnumerable<KeyValuePair<string, string>> Lines { get; }
}
