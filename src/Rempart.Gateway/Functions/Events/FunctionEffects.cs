namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// What one event-function invocation asks the gateway to do. The function only records effects;
/// the host applies them after a clean run, which keeps a failed (and retried) attempt from
/// applying half its work, lets `rempart functions test` show effects without applying them, and
/// makes the per-invocation cap (<c>limits.max_effects</c>) a count rather than a race.
/// </summary>
public sealed class FunctionEffects(int maxEffects)
{
    private readonly List<DecisionEffect> _decisions = [];
    private readonly List<DecisionRemovalEffect> _removals = [];
    private readonly List<IpSetEffect> _ipSets = [];
    private readonly List<NotificationEffect> _notifications = [];

    public int MaxEffects { get; } = maxEffects;

    public IReadOnlyList<DecisionEffect> Decisions => _decisions;

    public IReadOnlyList<DecisionRemovalEffect> Removals => _removals;

    public IReadOnlyList<IpSetEffect> IpSets => _ipSets;

    /// <summary>Notifications are not counted against the cap: each channel has its own bounded queue.</summary>
    public IReadOnlyList<NotificationEffect> Notifications => _notifications;

    /// <summary>Decisions and IP-set changes recorded, the count the cap applies to.</summary>
    public int Count => _decisions.Count + _removals.Count + _ipSets.Count;

    /// <summary>Decisions and IP-set changes asked for beyond the cap, refused.</summary>
    public int Refused { get; private set; }

    public bool Capped => Refused > 0;

    /// <summary>Notifications asked for beyond <see cref="MaxNotifications"/>, dropped (not an effects cap).</summary>
    public int NotificationsDropped { get; private set; }

    public bool TryAdd(DecisionEffect effect) => Room() && Add(_decisions, effect);

    public bool TryAdd(DecisionRemovalEffect effect) => Room() && Add(_removals, effect);

    public bool TryAdd(IpSetEffect effect) => Room() && Add(_ipSets, effect);

    public bool TryAdd(NotificationEffect effect)
    {
        if (_notifications.Count >= MaxNotifications)
        {
            NotificationsDropped++;
            return false;
        }

        _notifications.Add(effect);
        return true;
    }

    /// <summary>Notifications one invocation may send: enough to report, too few to spam a pager.</summary>
    public const int MaxNotifications = 10;

    private bool Room()
    {
        if (Count < MaxEffects)
        {
            return true;
        }

        Refused++;
        return false;
    }

    private static bool Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return true;
    }
}
