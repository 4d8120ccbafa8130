using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Model;

/// <summary>
/// One immutable snapshot of a valid config, compiled for the request path: routes with their
/// matchers and origins resolved, client-IP rules parsed, header sets frozen. A request reads the
/// current snapshot once and uses it to the end, so a reload never changes a request midway.
/// </summary>
public sealed class GatewayModel
{
    public required long Generation { get; init; }

    public required string Hash { get; init; }

    public required GatewayConfig Config { get; init; }

    public required string ConfigText { get; init; }

    public required RouteTable Routes { get; init; }

    public required ClientIpModel ClientIp { get; init; }

    public required ProxyModel Proxy { get; init; }

    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>The config file's folder: relative paths in the config (geo databases) resolve against it.</summary>
    public string BaseDirectory { get; init; } = "";

    /// <summary>Compiled web ACLs by name, including the built-in default.</summary>
    public required System.Collections.Frozen.FrozenDictionary<string, Waf.WebAclModel> WebAcls { get; init; }

    /// <summary>The compiled automations section: decision policy, automation thresholds, lists.</summary>
    public Automations.AutomationsModel Automations { get; init; } = Rempart.Gateway.Automations.AutomationsModel.Default;

    /// <summary>What decisions may cover and how they are enforced.</summary>
    public Decisions.DecisionPolicy Decisions => Automations.Decisions;

    /// <summary>Some web ACL reads <c>header_order</c>, or Shield's detection is on (its header-order signature): new HTTP/1.x connections are observed for header arrival order.</summary>
    public bool ObservesHeaderOrder { get; init; }

    /// <summary>Compiled functions: edge functions per route, event functions.</summary>
    public Functions.FunctionsModel Functions { get; init; } = Rempart.Gateway.Functions.FunctionsModel.Empty;
}
