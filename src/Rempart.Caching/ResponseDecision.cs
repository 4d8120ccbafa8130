namespace Rempart.Caching;

/// <summary>The engine's answer to <see cref="CacheEngine.OnResponseAsync"/>.</summary>
public sealed class ResponseDecision
{
    internal ResponseDecision(ResponseDecisionKind kind, string cacheStatus, IStoreWriter? writer, ServedResponse? served)
    {
        Kind = kind;
        CacheStatus = cacheStatus;
        Writer = writer;
        Served = served;
    }

    public ResponseDecisionKind Kind { get; }

    /// <summary>This cache's <c>Cache-Status</c> member to append to a forwarded response.</summary>
    public string CacheStatus { get; }

    /// <summary>Non-null when the forwarded response is being stored.</summary>
    public IStoreWriter? Writer { get; }

    /// <summary>Non-null for <see cref="ResponseDecisionKind.ServeStored"/>.</summary>
    public ServedResponse? Served { get; }
}
