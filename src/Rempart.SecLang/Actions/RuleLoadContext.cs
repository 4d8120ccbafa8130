using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Actions;

/// <summary>What an action needs while a rule is compiled.</summary>
/// <param name="Options">The engine options.</param>
/// <param name="Directory">The directory of the rule file.</param>
public sealed record RuleLoadContext(SecLangOptions Options, string Directory);
