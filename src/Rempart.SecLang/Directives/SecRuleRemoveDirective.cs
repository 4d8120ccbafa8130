using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Directives;

/// <summary>
/// <c>SecRuleRemoveById 920100 920200-920300</c>, <c>SecRuleRemoveByTag attack-sqli</c>, <c>SecRuleRemoveByMsg "text"</c> —
/// removes rules loaded before the directive.
/// </summary>
internal sealed class SecRuleRemoveDirective(SecRuleRemoveDirective.By by) : IDirective
{
    public enum By
    {
        Id,
        Tag,
        Message,
    }

    public void Apply(DirectiveContext context, ConfigDirective directive)
    {
        DirectiveContext.Arguments(directive, 1, int.MaxValue);
        switch (by)
        {
            case By.Id:
                context.Builder.RemoveById(RuleIdRanges.Parse(string.Join(' ', directive.Arguments)));
                break;
            case By.Tag:
                foreach (var tag in directive.Arguments)
                {
                    context.Builder.RemoveByTag(tag);
                }

                break;
            default:
                foreach (var message in directive.Arguments)
                {
                    context.Builder.RemoveByMessage(message);
                }

                break;
        }
    }
}
