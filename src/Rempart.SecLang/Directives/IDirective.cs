using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary>One configuration directive (<c>SecRule</c>, <c>SecRuleEngine</c>, <c>Include</c>, …).</summary>
public interface IDirective
{
    /// <summary>Applies <paramref name="directive"/> to the load in progress; errors are <see cref="SecLangException"/>.</summary>
    void Apply(DirectiveContext context, ConfigDirective directive);
}
