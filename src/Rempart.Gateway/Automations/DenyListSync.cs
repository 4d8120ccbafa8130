using Rempart.Gateway.Decisions;
using Rempart.Gateway.State;

namespace Rempart.Gateway.Automations;

/// <summary>
/// Keeps decisions in line with <c>automations.deny_list</c> at start and on every reload: each
/// listed scope holds a ban with source <c>deny_list</c>; an entry removed from the file lifts its
/// ban. With <c>retention</c>, an entry expires that long after Rempart first saw it; the first
/// sighting is kept in the state store (IP-set table, set <c>deny_list</c>) so restarts and reloads
/// do not restart the clock, and an expired entry stays lifted while it stays listed.
/// </summary>
public sealed class DenyListSync(IStateStore store, DecisionService decisions, TimeProvider time)
{
    public const string Source = "deny_list";
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task SyncAsync(AutomationsModel model, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var seen = (await store.ListIpSetEntriesAsync(Source, cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.Cidr, StringComparer.Ordinal);
            var desired = model.DenyList.ToHashSet(StringComparer.Ordinal);
            foreach (var scope in model.DenyList)
            {
                if (!seen.TryGetValue(scope, out var entry))
                {
                    entry = new IpSetEntry(Source, scope, "config", now, model.DenyRetention is { } r ? now + r : null);
                    await store.PutIpSetEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }

                if (entry.ExpiresAt is { } at && at <= now)
                {
                    continue;
                }

                await decisions.AddAsync(new DecisionRequest(scope, DecisionAction.Ban, entry.ExpiresAt - now, "listed in automations.deny_list", Source), "config", cancellationToken).ConfigureAwait(false);
            }

            foreach (var stale in decisions.Index.All.Where(d => d.Record.Source == Source && !desired.Contains(d.Scope.Text)).ToList())
            {
                await decisions.RemoveAsync(stale.Id, "config", "removed from automations.deny_list", cancellationToken).ConfigureAwait(false);
            }

            foreach (var gone in seen.Keys.Where(k => !desired.Contains(k)))
            {
                await store.DeleteIpSetEntryAsync(Source, gone, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
