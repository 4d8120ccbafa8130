using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary>What an operator factory gets when a rule is compiled.</summary>
/// <param name="Argument">The operator argument as written (macros not yet expanded).</param>
/// <param name="Directory">The directory of the rule file, for <c>@pmFromFile</c> and friends.</param>
/// <param name="Options">The engine options (regex timeout, detectors, shared caches).</param>
public sealed record OperatorContext(string Argument, string Directory, SecLangOptions Options);
