namespace Rempart.Gateway.Configuration.Waf;

/// <summary>A web ACL, as in AWS WAF v2: rules in priority order and the action when none terminates.</summary>
public sealed record WebAclConfig
{
    [ConfigDoc("Action when no rule terminates the request: allow or block.")]
    public ActionConfig DefaultAction { get; init; } = ActionConfig.DefaultAllow;

    [ConfigDoc("Rules, evaluated by ascending priority.")]
    public IReadOnlyList<RuleConfig> Rules { get; init; } = [];

    [ConfigDoc("How much of a request body the rules inspect (up to 1MiB). What lies beyond is handled by each field's oversize setting.")]
    public ByteSize BodyLimit { get; init; } = new(16 * 1024);

    [ConfigDoc("How long a solved challenge exempts the client from new challenges.")]
    public TimeSpan ChallengeImmunity { get; init; } = TimeSpan.FromMinutes(5);

    [ConfigDoc("Upper bound on inspection work per request (bytes through transformations and matchers); past it the request is handled as oversize.")]
    public ByteSize EvaluationBudget { get; init; } = new(8L * 1024 * 1024);
}
