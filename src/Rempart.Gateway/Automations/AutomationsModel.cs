using Rempart.Gateway.Configuration.Automations;
using Rempart.Gateway.Decisions;

namespace Rempart.Gateway.Automations;

/// <summary>The compiled <c>automations:</c> section, part of each config snapshot.</summary>
public sealed class AutomationsModel
{
    public static readonly AutomationsModel Default = new()
    {
        Decisions = DecisionPolicy.Default,
        Scanners = ScannersModel.From(new ScannersConfig()),
        HttpFlood = HttpFloodModel.From(new HttpFloodConfig()),
        Honeypot = HoneypotModel.From(new HoneypotConfig()),
        ReputationLists = new ReputationListsConfig(),
        DenyList = [],
        DenyRetention = null,
        BaseDirectory = Directory.GetCurrentDirectory(),
    };

    public required DecisionPolicy Decisions { get; init; }

    public required ScannersModel Scanners { get; init; }

    public required HttpFloodModel HttpFlood { get; init; }

    public required HoneypotModel Honeypot { get; init; }

    public required ReputationListsConfig ReputationLists { get; init; }

    /// <summary>Canonical scopes of the operator's deny list.</summary>
    public required IReadOnlyList<string> DenyList { get; init; }

    public required TimeSpan? DenyRetention { get; init; }

    /// <summary>Where relative list files are resolved from (the config file's folder).</summary>
    public required string BaseDirectory { get; init; }
}
