using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@detectSQLi</c> — the host's SQL-injection detector flags the value; with <c>capture</c> TX:0 holds the fingerprint.</summary>
internal sealed class DetectSqliOperator(OperatorContext context) : IOperator
{
    private readonly IInjectionDetector _detector = context.Options.InjectionDetector;

    public bool Evaluate(Transaction transaction, string input)
    {
        if (!_detector.IsSqlInjection(input, out var fingerprint))
        {
            return false;
        }

        transaction.SetCapture(0, fingerprint ?? input);
        return true;
    }
}
