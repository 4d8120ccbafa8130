namespace Rempart.Detection.Sql;

/// <summary>
/// One rule of the injection grammar: a family of folded-token fingerprints that only injected SQL
/// produces, with the reason it stands for an attack class.
/// </summary>
/// <param name="Contexts">
/// Where the rule applies: <c>q</c> for the quote contexts (the first token is the application's
/// string, closed by the attacker), <c>n</c> for the no-quote context (a number or name position), or both.
/// </param>
/// <param name="Level">The lowest sensitivity that uses the rule.</param>
/// <param name="Pattern">
/// The shape, in fingerprint letters (see <see cref="SqlTokenType"/>) plus a little syntax:
/// <c>[..]</c> is one token out of a set, <c>?</c> makes the previous element optional, and
/// <c>{name}</c> names a set from <see cref="SqlShapeGrammar"/>. The pattern must end with one of:
/// <c>*</c> (any continuation, including none), <c>+</c> (a continuation past the fingerprint
/// width, so the shape is not the whole input), <c>$</c> (the folded input ends here) or
/// <c>~</c> (it ends here, inside a string the attacker opened so that the application's own
/// closing quote completes it). Anything past the fingerprint width is cut off.
/// </param>
/// <param name="Why">The attack class the rule stands for, for readers and for the design note.</param>
internal readonly record struct SqlShape(string Contexts, SqlSensitivity Level, string Pattern, string Why);
