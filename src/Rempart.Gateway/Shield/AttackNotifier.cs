using System.Globalization;
using Rempart.Gateway.Events;
using Rempart.Gateway.Notifications;
using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Shield;

/// <summary>
/// Turns attack events into operator notifications (kinds <c>attack_started</c>,
/// <c>attack_ended</c>, <c>mitigation_changed</c>) through the <see cref="NotificationService"/>,
/// from its own bounded subscription: a slow or failing channel never reaches the detector or
/// the request path.
/// </summary>
public sealed class AttackNotifier : IAsyncDisposable
{
    private readonly EventSubscription _subscription;
    private readonly Task _pump;

    public AttackNotifier(EventBus bus, NotificationService notifications)
    {
        _subscription = bus.Subscribe("attack-notifier", e => e is AttackStartedEvent or AttackEndedEvent or AttackMitigationChangedEvent or UnderAttackModeChangedEvent, capacity: 1_000);
        _pump = Task.Run(async () =>
        {
            await foreach (var e in _subscription.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (ToNotification(e) is { } n)
                {
                    notifications.Notify(n);
                }
            }
        });
    }

    public static Notification? ToNotification(GatewayEvent e) => e switch
    {
        AttackStartedEvent s => new Notification("attack_started", $"Attack on route {s.Attack.Route}: {string.Join(", ", s.Attack.Vectors)}")
        {
            Severity = NotificationSeverity.Critical,
            Text = string.Join("; ", s.Attack.Triggers),
            Fields = Fields(s.Attack),
            Time = s.Time,
        },
        AttackMitigationChangedEvent m => new Notification("mitigation_changed", $"Mitigation changed on route {m.Attack.Route}")
        {
            Severity = NotificationSeverity.Warning,
            Text = m.Attack.UnderAttackMode ? "Under-attack mode is on: every client without a valid challenge token is challenged." : null,
            Fields = Fields(m.Attack),
            Time = m.Time,
        },
        AttackEndedEvent x => new Notification("attack_ended", $"Attack on route {x.Attack.Route} ended")
        {
            Severity = NotificationSeverity.Info,
            Fields = Fields(x.Attack),
            Time = x.Time,
        },
        UnderAttackModeChangedEvent u => new Notification("mitigation_changed", $"Under-attack mode {(u.Enabled ? "on" : "off")} for {u.Route ?? "every route"}")
        {
            Severity = NotificationSeverity.Warning,
            Text = $"Switched by {u.Actor}.",
            Time = u.Time,
        },
        _ => null,
    };

    private static Dictionary<string, string> Fields(AttackReport a)
    {
        static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["attack"] = a.Id,
            ["route"] = a.Route,
            ["started"] = a.StartedAt.ToString("u", CultureInfo.InvariantCulture),
        };
        if (a.EndedAt is { } ended)
        {
            fields["ended"] = ended.ToString("u", CultureInfo.InvariantCulture);
        }

        fields["vectors"] = string.Join(", ", a.Vectors);
        fields["requests"] = $"{N(a.TotalRequests)} (peak {N(a.PeakRequestsPerSecond)}/s)";
        fields["dropped / challenged / passed"] = $"{N(a.Dropped)} / {N(a.Challenged)} / {N(a.Passed)}";
        var applied = a.Mitigations.Where(m => m.Applied && m.RemovedAt is null).Select(m => $"{m.Action} {m.Kind} ({m.ValueCount})").ToList();
        fields["mitigation"] = applied.Count == 0 ? (a.UnderAttackMode ? "under-attack mode" : "none") : string.Join(", ", applied) + (a.UnderAttackMode ? ", under-attack mode" : "");
        if (a.TopContributors.Ips.Count > 0)
        {
            fields["top sources"] = string.Join(", ", a.TopContributors.Ips.Take(3).Select(c => $"{c.Value} ({N(c.Requests)})"));
        }

        return fields;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _pump.ConfigureAwait(false);
    }
}
