using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary>A known ModSecurity directive Rempart refuses, with the reason given to the operator.</summary>
internal sealed class RefusedDirective(string reason) : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive) => throw new SecLangException(reason);
}
