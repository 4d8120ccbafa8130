using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary><c>SecRule VARIABLES OPERATOR [ACTIONS]</c> — a rule. Example: <c>SecRule ARGS "@rx &lt;script" "id:1,phase:2,deny"</c>.</summary>
internal sealed class SecRuleDirective : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, 2, 3);
        var args = directive.Arguments;
        context.Builder.AddRule(directive.File, directive.Line, args[0], args[1], args.Count > 2 ? args[2] : null, context.Directory);
    }
}
