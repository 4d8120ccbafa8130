using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;
using Rempart.SecLang.Transformations;

namespace Rempart.SecLang.Actions;

/// <summary><c>t:name</c> — append a transformation; <c>t:none</c> drops those inherited or written before it.</summary>
internal sealed class TransformationAction() : LoadTimeAction(ActionKind.Data)
{
    public override void Init(Rule rule, string? argument, RuleLoadContext context)
    {
        var name = Require(argument, "t");
        var transformation = TransformationRegistry.Find(name) ?? throw new SecLangException($"unknown transformation 't:{name}'");
        if (transformation is NoneTransformation)
        {
            rule.Transformations.Clear();
            rule.TransformationNames.Clear();
            rule.TransformationsReset = true;
            return;
        }

        rule.Transformations.Add(transformation);
        rule.TransformationNames.Add(name);
    }
}
