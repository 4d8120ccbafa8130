using Microsoft.Extensions.Logging;
using Rempart.Gateway.Automations;
using Rempart.Gateway.Decisions;
using Rempart.Gateway.Functions.Events;

namespace Rempart.Gateway.Hosting;

/// <summary>The decisions and automations part of the composition root: started after the state store, refreshed on reload.</summary>
public sealed partial class GatewayHost
{
    public DecisionService Decisions { get; private set; } = null!;

    public ReputationLists Reputation { get; private set; } = new();

    public AutomationRunner? Automations { get; private set; }

    /// <summary>The event functions' workers (queues, retries, dead letters), reconfigured on reload.</summary>
    public EventFunctionHost? EventFunctions { get; private set; }

    private DenyListSync? _denyList;

    private async Task StartAutomationsAsync(CancellationToken cancellationToken)
    {
        var time = _options.Time;
        Decisions = new DecisionService(Store, State, Events, new DecisionMetrics(Metrics.Meter, () => Decisions.Index.Count), time, _loggerFactory.CreateLogger("Rempart.Decisions"));
        await Decisions.LoadAsync(cancellationToken).ConfigureAwait(false);
        _ownedAsync.Add(Decisions);
        _denyList = new DenyListSync(Store, Decisions, time);
        var automationMetrics = new AutomationMetrics(Metrics.Meter);
        await _denyList.SyncAsync(State.Current.Automations, cancellationToken).ConfigureAwait(false);
        Reputation = new ReputationLists(State, DataDirectory, Events, automationMetrics, time, _loggerFactory.CreateLogger("Rempart.Reputation"), IpSets);
        Reputation.Configure();
        _ownedAsync.Add(Reputation);
        Automations = new AutomationRunner(Events, State, Decisions, automationMetrics, time, _loggerFactory.CreateLogger("Rempart.Automations"), State.Current.Config.Logs.EventQueueCapacity);
        _ownedAsync.Add(Automations);

        await IpSets.StartAsync(Store, State.Current.Config.IpSets.Keys, cancellationToken).ConfigureAwait(false);
        _ownedAsync.Add(IpSets);
        var functionsLogger = _loggerFactory.CreateLogger("Rempart.Functions");
        EventFunctions = new EventFunctionHost(Events, State, new EffectApplier(Decisions, IpSets, Notifications, FunctionMetrics, functionsLogger), Rates, FunctionMetrics, time, functionsLogger);
        EventFunctions.Configure();
        _ownedAsync.Add(EventFunctions);
    }

    /// <summary>After a reload: lists follow the new config (thresholds are read from the snapshot per event).</summary>
    private async Task ReloadAutomationsAsync()
    {
        Reputation.Configure();
        await IpSets.LoadAsync(State.Current.Config.IpSets.Keys).ConfigureAwait(false);
        EventFunctions?.Configure();
        if (_denyList is not null)
        {
            await _denyList.SyncAsync(State.Current.Automations).ConfigureAwait(false);
        }
    }
}
