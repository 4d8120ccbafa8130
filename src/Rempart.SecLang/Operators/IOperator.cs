using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary>
/// An operator (<c>@name argument</c>), compiled once when the rule loads. <see cref="Evaluate"/>
/// is called per value and may record captures through <see cref="Transaction.SetCapture"/>.
/// Implementations must be thread-safe: one instance serves every transaction.
/// </summary>
public interface IOperator
{
    /// <summary>True when <paramref name="input"/> matches (before negation).</summary>
    bool Evaluate(Transaction transaction, string input);
}
