using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary><c>@detectXSS</c> — the host's XSS detector flags the value; with <c>capture</c> TX:0 holds the value.</summary>
internal sealed class DetectXssOperator(OperatorContext context) : IOperator
{
    private readonly IInjectionDetector _detector = context.Options.InjectionDetector;

    public bool Evaluate(Transaction transaction, string input)
    {
        if (!_detector.IsXss(input))
        {
            return false;
        }

        transaction.SetCapture(0, input);
        return true;
    }
}
