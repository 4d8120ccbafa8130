using Rempart.Caching.Http;
using Rempart.Caching.Semantics;

namespace Rempart.Caching.Storage;

/// <summary>
/// One stored response: immutable. A 304 produces a new entry (new <see cref="Id"/>) that shares the
/// body; the store replaces the old one as the same variant.
/// </summary>
public sealed class CacheEntry
{
    public CacheEntry(
        Guid id,
        CacheKey key,
        string host,
        string path,
        IReadOnlyList<VaryValue> varyValues,
        int status,
        HeaderList headers,
        DateTimeOffset requestTime,
        DateTimeOffset responseTime,
        CacheBody body,
        IReadOnlyList<string> surrogateKeys,
        IReadOnlyList<string> targetedFields)
    {
        Id = id;
        Key = key;
        Host = host;
        Path = path;
        VaryValues = varyValues;
        Status = status;
        _headers = headers;
        RequestTime = requestTime;
        ResponseTime = responseTime;
        Body = body;
        SurrogateKeys = surrogateKeys;
        TargetedFields = targetedFields;
        Facts = ResponseFacts.Parse(headers, targetedFields);
        Size = body.Length + headers.ApproximateSize() + 256 + (key.Primary.Length + key.Secondary.Length + path.Length) * sizeof(char);
    }

    public Guid Id { get; }

    public CacheKey Key { get; }

    /// <summary>The request's authority, lower-cased; used by invalidation.</summary>
    public string Host { get; }

    /// <summary>The request path (no query); used by invalidation.</summary>
    public string Path { get; }

    public IReadOnlyList<VaryValue> VaryValues { get; }

    public int Status { get; }

    private readonly HeaderList _headers;

    /// <summary>Stored header fields, shared by every hit: read-only.</summary>
    public IHeaderView Headers => _headers;

    /// <summary>The stored fields as a list, for copying on the hit path (read-only).</summary>
    internal HeaderList HeaderLines => _headers;

    private string? _bodyLengthText;

    /// <summary>The body length as a <c>Content-Length</c> value, formatted once per entry rather than per hit.</summary>
    internal string BodyLengthText => _bodyLengthText ??= Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public DateTimeOffset RequestTime { get; }

    public DateTimeOffset ResponseTime { get; }

    public CacheBody Body { get; }

    public IReadOnlyList<string> SurrogateKeys { get; }

    internal IReadOnlyList<string> TargetedFields { get; }

    public ResponseFacts Facts { get; }

    /// <summary>Approximate bytes the entry takes, for the size bounds.</summary>
    public long Size { get; }

    /// <summary>True when <paramref name="other"/> is the same variant of the same URL (replaced by a newer store).</summary>
    public bool IsSameVariant(CacheEntry other)
    {
        if (Key != other.Key || VaryValues.Count != other.VaryValues.Count)
        {
            return false;
        }
        for (var i = 0; i < VaryValues.Count; i++)
        {
            if (!string.Equals(VaryValues[i].Name, other.VaryValues[i].Name, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(VaryValues[i].Value, other.VaryValues[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A copy with another body (same id): how a tier stores its own copy.</summary>
    public CacheEntry WithBody(CacheBody body) =>
        new(Id, Key, Host, Path, VaryValues, Status, _headers, RequestTime, ResponseTime, body, SurrogateKeys, TargetedFields);

    /// <summary>The entry after a successful revalidation: new headers and times, same body, new id.</summary>
    public CacheEntry WithUpdate(HeaderList headers, DateTimeOffset requestTime, DateTimeOffset responseTime) =>
        new(Guid.NewGuid(), Key, Host, Path, VaryValues, Status, headers, requestTime, responseTime, Body, SurrogateKeys, TargetedFields);
}
