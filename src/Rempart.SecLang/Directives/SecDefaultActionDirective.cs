using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary><c>SecDefaultAction "phase:2,log,auditlog,pass"</c> — what <c>block</c> means and the default log flags for rules of that phase read afterwards.</summary>
internal sealed class SecDefaultActionDirective : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, 1, 1);
        context.Builder.SetDefaultAction(directive.Arguments[0], context.Directory);
    }
}
