namespace Rempart.Caching.Coalescing;

/// <summary>How a request joined the fill of its key.</summary>
public enum CoalesceOutcome
{
    /// <summary>This request fills the key; the others wait for it.</summary>
    Leader,

    /// <summary>Another request filled the key and stored a response: look up again.</summary>
    Filled,

    /// <summary>The leader is storing a response: stream its body as it arrives (see <see cref="FillShare"/>).</summary>
    Shared,

    /// <summary>The fill failed, stored nothing, or the wait was too long or too crowded: go to the origin alone.</summary>
    Released,
}
