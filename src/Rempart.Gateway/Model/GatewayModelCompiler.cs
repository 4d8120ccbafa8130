using Rempart.Gateway.Configuration;
using Rempart.Gateway.Proxy;
using Rempart.Gateway.Waf;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Model;

/// <summary>Turns a validated config into a <see cref="GatewayModel"/>; names resolve here, never per request.</summary>
public static class GatewayModelCompiler
{
    public static GatewayModel Compile(ConfigLoadResult loaded, OriginRegistry origins, RateCounterStore rates, long generation, DateTimeOffset now, Waf.IpSets.RuntimeIpSets? runtimeIpSets = null, TimeProvider? time = null)
    {
        var config = loaded.Config ?? throw new InvalidOperationException("Only a valid config compiles.");
        var handles = origins.Reconcile(config);
        var acls = WafModelCompiler.Compile(config, rates, loaded.BaseDirectory, runtimeIpSets: runtimeIpSets);
        var cachePolicies = Cache.CachePolicyCompiler.Compile(config.Cache);
        var routes = config.Routes
            .Select((r, i) => new RouteModel(r.Name ?? $"route-{i}", r, handles[r.Origin], r.WebAcl == "none" ? null : acls[r.WebAcl])
            {
                Cache = cachePolicies[r.Cache],
                Budgets = Shield.OriginProtection.BudgetPlan.For(r.Name ?? $"route-{i}", r, r.Origin, config),
            })
            .ToArray();
        var trusted = config.ClientIp.TrustedProxies
            .Select(t => CidrParser.TryParse(t, out var n) ? n : throw new InvalidOperationException(t))
            .ToArray();
        return new GatewayModel
        {
            Generation = generation,
            Hash = loaded.Hash,
            Config = config,
            ConfigText = loaded.Text,
            Routes = new RouteTable(routes),
            ClientIp = new ClientIpModel(trusted, config.ClientIp.ForwardedHeader, config.ClientIp.RequestIdHeader),
            Proxy = new ProxyModel(config.Proxy.RemoveResponseHeaders, config.Proxy.Via, config.Proxy.PreserveHost),
            LoadedAt = now,
            WebAcls = acls,
            Automations = Automations.AutomationsModelCompiler.Compile(config, trusted, loaded.BaseDirectory),
            ObservesHeaderOrder = config.Shield.Detection.Enabled || acls.Values.Any(a => a.UsesHeaderOrder),
            BaseDirectory = loaded.BaseDirectory,
            Functions = Functions.FunctionsModelCompiler.Compile(config, routes.Select(r => r.Name).ToArray(), loaded.BaseDirectory, time),
        };
    }
}
