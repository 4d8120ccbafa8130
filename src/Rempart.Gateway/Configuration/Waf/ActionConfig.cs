namespace Rempart.Gateway.Configuration.Waf;

/// <summary>A rule action. Written as one word (<c>block</c>) or with options (<c>{ block: { status: 429 } }</c>).</summary>
public sealed record ActionConfig : IScalarForm<ActionConfig>
{
    public static readonly ActionConfig DefaultAllow = new() { Allow = new AllowActionConfig() };

    [ConfigDoc("Let the request through; may insert request headers for the origin.")]
    public AllowActionConfig? Allow { get; init; }

    [ConfigDoc("Refuse the request (403 by default) with a reference id.")]
    public BlockActionConfig? Block { get; init; }

    [ConfigDoc("Only record the match and go on to the next rule.")]
    public CountActionConfig? Count { get; init; }

    [ConfigDoc("Answer with a silent JavaScript proof-of-work page unless the client has a valid challenge token.")]
    public ChallengeActionConfig? Challenge { get; init; }

    public static IReadOnlyList<string> ScalarForms { get; } = ["allow", "block", "count", "challenge"];

    public static ActionConfig? FromScalar(string text) => text switch
    {
        "allow" => new ActionConfig { Allow = new AllowActionConfig() },
        "block" => new ActionConfig { Block = new BlockActionConfig() },
        "count" => new ActionConfig { Count = new CountActionConfig() },
        "challenge" => new ActionConfig { Challenge = new ChallengeActionConfig() },
        _ => null,
    };
}
