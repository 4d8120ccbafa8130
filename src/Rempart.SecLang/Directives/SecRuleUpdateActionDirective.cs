using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary><c>SecRuleUpdateActionById 942100 "pass,t:none,t:lowercase"</c> — applies actions on top of a loaded rule's own (the id cannot change).</summary>
internal sealed class SecRuleUpdateActionDirective : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, 2, 2);
        var ranges = RuleIdRanges.Parse(directive.Arguments[0]);
        foreach (var rule in context.Builder.Select(r => ranges.Any(x => r.Id >= x.From && r.Id <= x.To)))
        {
            context.Builder.UpdateActions(rule, directive.Arguments[1], context.Directory);
        }
    }
}
