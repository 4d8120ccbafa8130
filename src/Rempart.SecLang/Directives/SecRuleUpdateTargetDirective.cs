using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary>
/// <c>SecRuleUpdateTargetById 942100 "!ARGS:password"</c> (also <c>ByTag</c>, <c>ByMsg</c>) — adds targets or exclusions to
/// rules loaded before; a third argument names targets to replace.
/// </summary>
internal sealed class SecRuleUpdateTargetDirective(SecRuleRemoveDirective.By by) : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, 2, 3);
        var selector = directive.Arguments[0];
        var rules = by switch
        {
            SecRuleRemoveDirective.By.Id => RuleIdRanges.Parse(selector) is var ranges ? context.Builder.Select(r => ranges.Any(x => r.Id >= x.From && r.Id <= x.To)) : [],
            SecRuleRemoveDirective.By.Tag => context.Builder.Select(r => r.Tags.Contains(selector)),
            _ => context.Builder.Select(r => r.Message?.Text == selector),
        };
        foreach (var rule in rules)
        {
            RuleSetBuilder.UpdateTargets(rule, directive.Arguments[1], directive.Arguments.Count > 2 ? directive.Arguments[2] : null);
        }
    }
}
