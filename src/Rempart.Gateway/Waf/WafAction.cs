using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf;

/// <summary>A compiled action: its kind and what it needs (status and body for block, headers for allow, difficulty for challenge).</summary>
public sealed record WafAction(
    WafActionKind Kind,
    int BlockStatus = 403,
    ResponseBodyConfig? BlockBody = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    int ChallengeDifficulty = 16)
{
    public static readonly WafAction Allow = new(WafActionKind.Allow);
    public static readonly WafAction Block = new(WafActionKind.Block);
    public static readonly WafAction Count = new(WafActionKind.Count);
    public static readonly WafAction Challenge = new(WafActionKind.Challenge);

    public string Name => Kind switch
    {
        WafActionKind.Allow => "allow",
        WafActionKind.Block => "block",
        WafActionKind.Count => "count",
        _ => "challenge",
    };

    public static WafAction From(ActionConfig config, IReadOnlyDictionary<string, ResponseBodyConfig> bodies)
    {
        if (config.Block is { } b)
        {
            return new WafAction(WafActionKind.Block, b.Status, b.Response is { } name ? bodies[name] : null, b.Headers);
        }

        if (config.Allow is { } a)
        {
            return a.InsertHeaders.Count == 0 ? Allow : new WafAction(WafActionKind.Allow, Headers: a.InsertHeaders);
        }

        if (config.Challenge is { } c)
        {
            return new WafAction(WafActionKind.Challenge, ChallengeDifficulty: c.Difficulty);
        }

        return Count;
    }

    public static WafAction From(RuleOverride value) => value switch
    {
        RuleOverride.Allow => Allow,
        RuleOverride.Block => Block,
        RuleOverride.Challenge => Challenge,
        _ => Count,
    };
}
