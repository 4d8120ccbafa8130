using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Functions;
using Rempart.Gateway.Functions.Edge;
using Rempart.Gateway.Functions.Events;

namespace Rempart.Gateway.Functions;

/// <summary>
/// Compiles the validated functions section: one runtime per function (its script was parsed by
/// the validator, once), edge functions resolved onto routes. Each edge function is run once here
/// on a sample event with a generous budget, so that the first real request does not pay for
/// warming the interpreter and is not failed by a 1 ms budget spent on JIT compilation.
/// </summary>
public static class FunctionsModelCompiler
{
    public static FunctionsModel Compile(GatewayConfig config, IReadOnlyList<string> routeNames, string baseDirectory = ".", TimeProvider? time = null)
    {
        if (config.Functions.Count == 0)
        {
            return FunctionsModel.Empty;
        }

        var edge = new Dictionary<string, EdgeFunctionModel>(StringComparer.Ordinal);
        var events = new Dictionary<string, EventFunctionModel>(StringComparer.Ordinal);
        foreach (var (name, function) in config.Functions)
        {
            if (function.On == FunctionTrigger.Event)
            {
                events[name] = CompileEvent(name, function, baseDirectory, time ?? TimeProvider.System);
                continue;
            }

            if (function.Source is null)
            {
                continue;
            }

            var limits = FunctionLimits.For(function.On, function.Limits);
            Warm(function.Source, limits, function.On);
            edge[name] = new EdgeFunctionModel(name, function.On, function.OnError, new FunctionRuntime(function.Source, limits));
        }

        var byRoute = new Dictionary<string, RouteFunctions>(StringComparer.Ordinal);
        foreach (var route in routeNames)
        {
            var applying = edge.Values.Where(f => config.Functions[f.Name].Routes is var only && (only.Count == 0 || only.Contains(route))).ToArray();
            if (applying.Length > 0)
            {
                byRoute[route] = new RouteFunctions(
                    applying.Where(f => f.Trigger == FunctionTrigger.ViewerRequest).ToArray(),
                    applying.Where(f => f.Trigger == FunctionTrigger.ViewerResponse).ToArray());
            }
        }

        return new FunctionsModel(byRoute.ToFrozenDictionary(StringComparer.Ordinal), edge.ToFrozenDictionary(StringComparer.Ordinal), events.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>An event function: its filter, its runtime (a JavaScript engine pool, or the signed HTTP endpoint) and its delivery limits.</summary>
    public static EventFunctionModel CompileEvent(string name, FunctionConfig function, string baseDirectory, TimeProvider time)
    {
        var limits = function.Limits;
        var subscribe = function.Subscribe;
        var filter = new EventFilter(name, subscribe.Types.ToFrozenSet(StringComparer.Ordinal), subscribe.Labels.ToArray(), subscribe.Routes.ToFrozenSet(StringComparer.Ordinal));
        IEventFunctionInvoker invoker;
        string identity;
        if (function.Url is { } url)
        {
            var secret = File.ReadAllText(ConfigPaths.Resolve(baseDirectory, function.SecretFile!)).Trim();
            invoker = new HttpEventInvoker(new Uri(url), Encoding.UTF8.GetBytes(secret), limits.Timeout, time);
            identity = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        }
        else
        {
            var source = function.Source ?? throw new InvalidOperationException($"function {name} was not validated");
            invoker = new JavaScriptEventInvoker(new FunctionRuntime(source, FunctionLimits.For(FunctionTrigger.Event, limits), EventFunctionApi.Create));
            identity = source.Hash;
        }

        var signature = JsonSerializer.Serialize(function) + "|" + identity;
        return new EventFunctionModel(name, filter, invoker, limits.QueueCapacity, limits.Concurrency, limits.Retries, limits.RetryBackoff, limits.MaxEffects, signature);
    }

    private static void Warm(FunctionSource source, FunctionLimits limits, FunctionTrigger trigger)
    {
        var warm = new FunctionRuntime(source, limits with { TimeBudget = TimeSpan.FromMilliseconds(250) });
        var context = new EdgeContext("warm-up.invalid", "rempart", "warm-up", "192.0.2.1");
        var request = new EdgeRequest("GET", "/", [], [new("host", "warm-up.invalid"), new("user-agent", "rempart-warm-up")], []);
        var response = new EdgeResponse(200, null, [new("content-type", "text/plain")], [], null);
        for (var i = 0; i < 3; i++)
        {
            if (trigger == FunctionTrigger.ViewerRequest)
            {
                warm.Invoke(request, (e, r) => CloudFrontEvent.ViewerRequest(e, context, r), (_, result, r, _) => CloudFrontEvent.ReadViewerRequestResult(result, r));
            }
            else
            {
                warm.Invoke(request, (e, r) => CloudFrontEvent.ViewerResponse(e, context, r, response), (_, result, _, _) => CloudFrontEvent.ReadViewerResponseResult(result));
            }
        }
    }
}
