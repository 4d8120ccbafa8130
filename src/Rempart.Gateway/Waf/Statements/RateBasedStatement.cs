using System.Text;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// rate_based: counts requests (those matching scope_down, if set) per aggregation key over a
/// sliding window and matches while the key's count is above the limit. Counting happens only
/// when the rule is evaluated, as in AWS: rules that terminate earlier hide requests from it.
/// </summary>
public sealed class RateBasedStatement(string ruleId, RateBasedConfig config, IWafStatement? scopeDown, RateCounterStore store) : IWafStatement
{
    public bool NeedsBody => scopeDown?.NeedsBody ?? false;

    public string RuleId => ruleId;

    public RateBasedConfig Config => config;

    public bool Matches(WafEvaluationContext context)
    {
        var saved = context.LastMatch;
        if (scopeDown is not null && !scopeDown.Matches(context))
        {
            context.LastMatch = saved;
            return false;
        }

        var key = Key(context);
        if (key is null)
        {
            return false; // AWS: a request without a value for a custom key is not counted
        }

        var rate = store.Increment(ruleId, key, config.Window);
        if (rate <= config.Limit)
        {
            context.LastMatch = saved;
            return false;
        }

        context.LastMatch = new MatchDetail("rate_based", "key", key, "none", $"{rate:0.#} requests in {Configuration.Duration.Format(config.Window)} > limit {config.Limit}");
        return true;
    }

    private string? Key(WafEvaluationContext context)
    {
        var request = context.Request;
        if (config.Keys.Count == 0)
        {
            return request.ClientIp.ToString();
        }

        var sb = new StringBuilder();
        foreach (var k in config.Keys)
        {
            string? part;
            if (k.Ip) part = request.ClientIp.ToString();
            else if (k.ForwardedIp) part = ForwardedIp.Candidates(request.Header(config.ForwardedIp?.Header ?? "X-Forwarded-For"), config.ForwardedIp?.Position ?? ForwardedIpPosition.First).FirstOrDefault()?.ToString();
            else if (k.Constant) part = "*";
            else if (k.Header is { } h) part = request.Header(h);
            else if (k.Cookie is { } c) part = context.Parts.Cookies.FirstOrDefault(x => x.Key == c).Value;
            else if (k.QueryArgument is { } q) part = context.Parts.QueryArguments.FirstOrDefault(x => string.Equals(x.Key, q, StringComparison.OrdinalIgnoreCase)).Value;
            else if (k.QueryString) part = request.QueryString;
            else if (k.Method) part = request.Method;
            else if (k.UriPath) part = request.Path;
            else part = string.Join(",", context.LabelOrder.Where(l => l.StartsWith(k.LabelNamespace! + ":", StringComparison.Ordinal)));

            if (string.IsNullOrEmpty(part))
            {
                return null;
            }

            sb.Append(part).Append('\u001f');
        }

        return sb.ToString();
    }
}
