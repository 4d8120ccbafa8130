using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Operators;

/// <summary><c>@ipMatchFromFile FILE</c> (also <c>@ipMatchF</c>) — as <c>@ipMatch</c>, one address or range per line of a file relative to the rule file.</summary>
internal sealed class IpMatchFromFileOperator : IOperator
{
    private readonly IpMatchOperator _inner;

    public IpMatchFromFileOperator(OperatorContext context)
    {
        var path = Path.IsPathRooted(context.Argument) ? context.Argument : Path.Combine(context.Directory, context.Argument.Trim());
        string text;
        try
        {
            text = context.Options.FileReader?.Invoke(path) ?? File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new SecLangException($"cannot read address file '{path}': {e.Message}", e);
        }

        _inner = new IpMatchOperator(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#'));
    }

    public bool Evaluate(Transaction transaction, string input) => _inner.Evaluate(transaction, input);
}
