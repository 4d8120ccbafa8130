using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Operators;

/// <summary>
/// <c>@pmFromFile file1 file2 …</c> (also <c>@pmf</c>) — as <c>@pm</c>, with one phrase per line read from
/// files relative to the rule file; <c>#</c> lines and blank lines are skipped. Example: <c>"@pmFromFile scanners-user-agents.data"</c>.
/// </summary>
internal sealed class PmFromFileOperator : IOperator
{
    private readonly PmOperator _pm;

    public PmFromFileOperator(OperatorContext context)
    {
        var phrases = new List<string>();
        foreach (var file in context.Argument.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(context.Directory, file);
            string text;
            try
            {
                text = context.Options.FileReader?.Invoke(path) ?? File.ReadAllText(path, System.Text.Encoding.Latin1);
            }
            catch (IOException e)
            {
                throw new SecLangException($"cannot read phrase file '{path}': {e.Message}", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new SecLangException($"cannot read phrase file '{path}': {e.Message}", e);
            }

            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length > 0 && line[0] != '#')
                {
                    phrases.Add(line);
                }
            }
        }

        _pm = new PmOperator(phrases);
    }

    public bool Evaluate(Transaction transaction, string input) => _pm.Evaluate(transaction, input);
}
