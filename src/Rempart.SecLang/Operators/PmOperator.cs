using Rempart.SecLang.Engine;

namespace Rempart.SecLang.Operators;

/// <summary>
/// <c>@pm phrase1 phrase2 …</c> — case-insensitive match of any phrase anywhere in the value (Aho–Corasick);
/// with <c>capture</c> the phrase goes to TX:0. Example: <c>SecRule REQUEST_HEADERS:User-Agent "@pm nikto sqlmap"</c>.
/// </summary>
internal sealed class PmOperator : IOperator
{
    private readonly AhoCorasick _automaton;

    public PmOperator(OperatorContext context)
        : this(context.Argument.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
    {
    }

    internal PmOperator(IEnumerable<string> phrases) => _automaton = new AhoCorasick(phrases);

    public bool Evaluate(Transaction transaction, string input)
    {
        var found = _automaton.Find(input);
        if (found is null)
        {
            return false;
        }

        transaction.SetCapture(0, found);
        return true;
    }
}
