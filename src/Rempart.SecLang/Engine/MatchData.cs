namespace Rempart.SecLang.Engine;

/// <summary>One value that made a rule match, with the rule's message and log data expanded at that moment.</summary>
/// <param name="VariableName">The matched variable, e.g. <c>ARGS:id</c>.</param>
/// <param name="Value">The value the operator saw (after transformations).</param>
/// <param name="Message">The expanded <c>msg</c>.</param>
/// <param name="Data">The expanded <c>logdata</c>.</param>
public sealed record MatchData(string VariableName, string Value, string Message, string Data);
