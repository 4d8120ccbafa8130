using System.Globalization;
using System.Text;

namespace Rempart.SecLang.Engine;

/// <summary>A rule (whole chain) that matched in a transaction.</summary>
public sealed class MatchedRule
{
    internal MatchedRule(Rule rule, int phase, bool disruptive, IReadOnlyList<MatchData> matches)
    {
        Rule = rule;
        Phase = phase;
        Disruptive = disruptive;
        Matches = matches;
    }

    /// <summary>The chain starter.</summary>
    public Rule Rule { get; }

    /// <summary>The rule id.</summary>
    public int Id => Rule.Id;

    /// <summary>The phase it matched in.</summary>
    public int Phase { get; }

    /// <summary>True when its disruptive action interrupted the transaction.</summary>
    public bool Disruptive { get; }

    /// <summary>True when the rule logs (<c>log</c>, the default), i.e. it belongs in the error log.</summary>
    public bool IsLogged => Rule.Log ?? true;

    /// <summary>The matched values with expanded message and log data (at least one).</summary>
    public IReadOnlyList<MatchData> Matches { get; }

    /// <summary>The message of the first match.</summary>
    public string Message => Matches.Count > 0 ? Matches[0].Message : "";

    /// <summary>The log data of the first match.</summary>
    public string Data => Matches.Count > 0 ? Matches[0].Data : "";

    /// <summary>
    /// One line per match, formatted as ModSecurity writes its error log, e.g.
    /// <c>ModSecurity: Warning. Matched "Operator `Rx' …" [file "…"] [line "…"] [id "942100"] [msg "…"] [data "…"] …</c>.
    /// </summary>
    public IEnumerable<string> ToLogLines(string hostname, string uri, string uniqueId)
    {
        foreach (var match in Matches)
        {
            var sb = new StringBuilder(256);
            sb.Append("ModSecurity: ").Append(Disruptive ? "Access denied. " : "Warning. ");
            sb.Append("Matched \"Operator `").Append(Rule.OperatorName).Append("' with parameter `")
                .Append(Escape(Truncate(Rule.OperatorArgument))).Append("' against variable `").Append(Escape(match.VariableName))
                .Append("' (Value: `").Append(Escape(Truncate(match.Value))).Append("' ) ");
            Field(sb, "file", Rule.File);
            Field(sb, "line", Rule.Line.ToString(CultureInfo.InvariantCulture));
            Field(sb, "id", Id.ToString(CultureInfo.InvariantCulture));
            Field(sb, "msg", match.Message);
            Field(sb, "data", match.Data);
            if (Rule.Severity is { } severity)
            {
                Field(sb, "severity", severity.ToString(CultureInfo.InvariantCulture));
            }

            if (Rule.Version is { } ver)
            {
                Field(sb, "ver", ver);
            }

            foreach (var tag in Rule.Tags)
            {
                Field(sb, "tag", tag);
            }

            Field(sb, "hostname", hostname);
            Field(sb, "uri", uri);
            Field(sb, "unique_id", uniqueId);
            yield return sb.ToString().TrimEnd();
        }
    }

    private static void Field(StringBuilder sb, string name, string value) =>
        sb.Append('[').Append(name).Append(" \"").Append(Escape(value)).Append("\"] ");

    private static string Truncate(string value) => value.Length > 200 ? value[..200] + "..." : value;

    private static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == '"')
            {
                sb.Append("\\\"");
            }
            else if (c < 0x20 || c >= 0x7f)
            {
                sb.Append("\\x").Append(((int)c & 0xff).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
