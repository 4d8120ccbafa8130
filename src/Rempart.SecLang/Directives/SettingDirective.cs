using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary>A directive that writes one engine setting from its arguments (<c>SecRuleEngine On</c>, <c>SecRequestBodyLimit 131072</c>, …).</summary>
internal sealed class SettingDirective(int minArguments, int maxArguments, Action<SecLangSettings, IReadOnlyList<string>> apply) : IDirective
{
    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, minArguments, maxArguments);
        apply(context.Builder.Settings, directive.Arguments);
    }
}
