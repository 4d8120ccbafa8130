using System.Collections.Frozen;
using Rempart.SecLang.Parsing;
using Rempart.SecLang.Transformations;

namespace Rempart.SecLang.Operators;

/// <summary>
/// The one table of operators, by SecLang name (case-insensitive). Operators that cannot run safely
/// here are listed with the reason they are refused, so loading a rule that uses them is a clear error.
/// </summary>
public static class OperatorRegistry
{
    private static readonly FrozenDictionary<string, Func<OperatorContext, IOperator>> s_table = TransformationRegistry.Build<Func<OperatorContext, IOperator>>(
    [
        ("rx", c => new RxOperator(c)),
        ("pm", c => new PmOperator(c)),
        ("pmFromFile", c => new PmFromFileOperator(c)),
        ("pmf", c => new PmFromFileOperator(c)),
        ("streq", c => new StrEqOperator(c)),
        ("strmatch", c => new StrMatchOperator(c)),
        ("contains", c => new ContainsOperator(c)),
        ("containsWord", c => new ContainsWordOperator(c)),
        ("beginsWith", c => new BeginsWithOperator(c)),
        ("endsWith", c => new EndsWithOperator(c)),
        ("within", c => new WithinOperator(c)),
        ("eq", c => new EqOperator(c)),
        ("ge", c => new GeOperator(c)),
        ("gt", c => new GtOperator(c)),
        ("le", c => new LeOperator(c)),
        ("lt", c => new LtOperator(c)),
        ("ipMatch", c => new IpMatchOperator(c)),
        ("ipMatchFromFile", c => new IpMatchFromFileOperator(c)),
        ("ipMatchF", c => new IpMatchFromFileOperator(c)),
        ("detectSQLi", c => new DetectSqliOperator(c)),
        ("detectXSS", c => new DetectXssOperator(c)),
        ("validateByteRange", c => new ValidateByteRangeOperator(c)),
        ("validateUrlEncoding", _ => new ValidateUrlEncodingOperator()),
        ("validateUtf8Encoding", _ => new ValidateUtf8EncodingOperator()),
        ("verifyCC", c => new VerifyCcOperator(c)),
        ("unconditionalMatch", _ => new UnconditionalMatchOperator()),
        ("noMatch", _ => new NoMatchOperator()),
        ("rbl", c => new RblOperator(c)),
        ("geoLookup", _ => new GeoLookupOperator()),
    ]);

    private static readonly FrozenDictionary<string, string> s_refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["inspectFile"] = "@inspectFile runs an external program; Rempart never executes programs from rules",
        ["validateDTD"] = "@validateDTD is not supported (DTD processing is disabled for safety)",
        ["validateSchema"] = "@validateSchema is not supported yet",
        ["gsbLookup"] = "@gsbLookup (Google Safe Browsing) is not supported",
        ["rsub"] = "@rsub is a ModSecurity v2 stream-editing operator and is not supported",
        ["verifyCPF"] = "@verifyCPF is not supported yet",
        ["verifySSN"] = "@verifySSN is not supported yet",
        ["fuzzyHash"] = "@fuzzyHash is not supported",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every registered name.</summary>
    public static IEnumerable<string> Names => s_table.Keys;

    /// <summary>Compiles operator <paramref name="name"/>; an unknown or refused name is an error.</summary>
    public static IOperator Create(string name, OperatorContext context)
    {
        if (s_table.TryGetValue(name, out var factory))
        {
            return factory(context);
        }

        if (s_refused.TryGetValue(name, out var reason))
        {
            throw new SecLangException(reason);
        }

        throw new SecLangException($"unknown operator '@{name}'");
    }
}
