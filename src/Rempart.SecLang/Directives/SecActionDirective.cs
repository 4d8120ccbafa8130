using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary><c>SecAction ACTIONS</c> — a rule without targets that always matches. Example: <c>SecAction "id:900000,phase:1,pass,nolog,setvar:tx.blocking_paranoia_level=1"</c>.</summary>
internal sealed class SecActionDirective : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, 1, 1);
        context.Builder.AddAction(directive.File, directive.Line, directive.Arguments[0], context.Directory);
    }
}
