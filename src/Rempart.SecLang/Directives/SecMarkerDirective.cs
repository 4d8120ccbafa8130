using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary><c>SecMarker NAME</c> — a target for <c>skipAfter</c>, present in every phase. Example: <c>SecMarker "END-HOST-CHECK"</c>.</summary>
internal sealed class SecMarkerDirective : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, 1, 1);
        context.Builder.AddMarker(directive.File, directive.Line, directive.Arguments[0]);
    }
}
