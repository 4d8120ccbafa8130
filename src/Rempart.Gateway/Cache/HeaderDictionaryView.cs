using Microsoft.AspNetCore.Http;
using Rempart.Caching.Http;

namespace Rempart.Gateway.Cache;

/// <summary>The cache engine's view of ASP.NET Core request or response headers, without copying them.</summary>
internal sealed class HeaderDictionaryView(IHeaderDictionary headers) : IHeaderView
{
    public IReadOnlyList<string> GetValues(string name)
    {
        if (!headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            return [];
        }

        return values.Count == 1 ? [values[0] ?? ""] : values.Select(v => v ?? "").ToArray();
    }

    public IEnumerable<KeyValuePair<string, string>> Lines
    {
        get
        {
            foreach (var (name, values) in headers)
            {
                foreach (var value in values)
                {
                    yield return new(name, value ?? "");
                }
            }
        }
    }
}
