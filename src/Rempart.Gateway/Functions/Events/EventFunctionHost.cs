using Microsoft.Extensions.Logging;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// Keeps one <see cref="EventFunctionWorker"/> per event function of the config in force. On a
/// reload, a function whose signature did not change keeps its worker and queue; a changed or
/// removed one is retired — it stops taking events and finishes what it had (up to
/// <see cref="DrainOnReload"/>) while its successor already receives new ones.
/// </summary>
public sealed class EventFunctionHost(EventBus bus, GatewayState state, EffectApplier applier, RateCounterStore counters, FunctionMetrics metrics, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    public static readonly TimeSpan DrainOnReload = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, EventFunctionWorker> _workers = new(StringComparer.Ordinal);
    private readonly List<Task> _retiring = [];
    private readonly Lock _gate = new();

    /// <summary>The actor and decision source of what a function does: <c>function:NAME</c>.</summary>
    public static string Actor(string function) => "function:" + function;

    public IReadOnlyDictionary<string, EventFunctionWorker> Workers
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, EventFunctionWorker>(_workers, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Brings the workers in line with the functions of the current config.</summary>
    public void Configure()
    {
        var wanted = state.Current.Functions.Events;
        lock (_gate)
        {
            foreach (var (name, worker) in _workers.ToList())
            {
                if (!wanted.TryGetValue(name, out var model) || model.Signature != worker.Model.Signature)
                {
                    _workers.Remove(name);
                    _retiring.Add(worker.RetireAsync(DrainOnReload));
                }
            }

            foreach (var (name, model) in wanted)
            {
                if (!_workers.ContainsKey(name))
                {
                    _workers[name] = new EventFunctionWorker(model, bus, applier, counters, set => state.Current.Config.IpSets.ContainsKey(set), metrics, time, logger);
                }
            }

            _retiring.RemoveAll(t => t.IsCompleted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Task> stopping;
        lock (_gate)
        {
            stopping = [.. _retiring, .. _workers.Values.Select(w => w.RetireAsync(DrainOnStop))];
            _workers.Clear();
        }

        await Task.WhenAll(stopping).ConfigureAwait(false);
    }
}
