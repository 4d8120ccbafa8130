using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Fields;
using Rempart.Gateway.Waf.Transforms;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// The one table from statement keys to their compilers. A validated statement has exactly one
/// key; the first compiler whose key is present builds it. Group statements (managed_group,
/// rule_group) are not here: they hold rules, and the web ACL compiler expands them.
/// </summary>
public static class StatementCompiler
{
    private static readonly (string Key, Func<StatementConfig, StatementCompileContext, IWafStatement?> Compile)[] Table =
    [
        ("byte_match", (s, x) => s.ByteMatch is { } c ? new ByteMatchStatement(c, x.Selector(c.Field), new TransformChain(c.Transforms)) : null),
        ("regex_match", (s, x) => s.RegexMatch is { } c ? Regex("regex_match", [c.Pattern], [RegexMatchStatement.Compile(c.Pattern)], c.Field, c.Transforms, x) : null),
        ("regex_set", (s, x) => s.RegexSet is { } c ? Regex("regex_set", x.Config.RegexSets[c.Set], x.RegexSet(c.Set), c.Field, c.Transforms, x) : null),
        ("sqli_match", (s, x) => s.SqliMatch is { } c ? new SqliMatchStatement(c.Sensitivity, x.Selector(c.Field), new TransformChain(c.Transforms)) : null),
        ("xss_match", (s, x) => s.XssMatch is { } c ? new XssMatchStatement(x.Selector(c.Field), new TransformChain(c.Transforms)) : null),
        ("size_constraint", (s, x) => s.SizeConstraint is { } c ? new SizeConstraintStatement(c.Comparison, c.Size.Bytes, x.Selector(c.Field), new TransformChain(c.Transforms)) : null),
        ("ip_set", (s, x) => s.IpSet is { } c ? new IpSetStatement(c.Name, x.IpSet(c.Name), x.RuntimeIpSet(c.Name), c.ForwardedIp) : null),
        ("geo_match", (s, x) => s.GeoMatch is { } c ? new GeoMatchStatement(c.CountryCodes.ToHashSet(StringComparer.Ordinal), c.ForwardedIp, x.Geo) : null),
        ("asn_match", (s, x) => s.AsnMatch is { } c ? new AsnMatchStatement(c.Asns.ToHashSet(), c.ForwardedIp, x.Geo) : null),
        ("label_match", (s, _) => s.LabelMatch is { } c ? new LabelMatchStatement(c.Scope, c.Key) : null),
        ("rate_based", (s, x) => s.RateBased is { } c ? new RateBasedStatement(x.RuleId, c, c.ScopeDown is { } d ? Compile(d, x) : null, x.Rates) : null),
        ("and", (s, x) => s.And is { } c ? new AndStatement(c.Select(i => Compile(i, x)).ToArray()) : null),
        ("or", (s, x) => s.Or is { } c ? new OrStatement(c.Select(i => Compile(i, x)).ToArray()) : null),
        ("not", (s, x) => s.Not is { } c ? new NotStatement(Compile(c, x)) : null),
    ];

    static StatementCompiler()
    {
        var duplicates = Table.GroupBy(t => t.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException("Statement compilers registered twice: " + string.Join(", ", duplicates));
        }
    }

    public static IReadOnlyList<string> Keys => Table.Select(t => t.Key).ToList();

    private static RegexMatchStatement Regex(string kind, IReadOnlyList<string> sources, System.Text.RegularExpressions.Regex[] compiled, Configuration.Waf.FieldToMatchConfig field, IReadOnlyList<Configuration.Waf.TextTransformation> transforms, StatementCompileContext context)
    {
        var chain = new TransformChain(transforms);
        var prefilter = context.Prefilter(chain.Id);
        foreach (var source in sources)
        {
            prefilter.Add(source);
        }

        return context.Register(new RegexMatchStatement(kind, compiled, context.Selector(field), chain, prefilter));
    }

    public static IWafStatement Compile(StatementConfig statement, StatementCompileContext context)
    {
        foreach (var (_, compile) in Table)
        {
            if (compile(statement, context) is { } compiled)
            {
                return compiled;
            }
        }

        throw new InvalidOperationException("A validated statement always has a compiler.");
    }
}
