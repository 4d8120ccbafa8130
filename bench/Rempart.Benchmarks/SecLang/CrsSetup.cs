using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.Benchmarks.SecLang;

/// <summary>
/// CRS v4 as the ModSecurity peer of ../shared/peers/waf-crs4 runs it: Debian's recommended
/// <c>modsecurity.conf</c> (written here from its directives: body access, the body-processor rules
/// 200000–200007, response body inspection of text types), the engine in blocking mode (<c>SecRuleEngine On</c>),
/// the unmodified <c>crs-setup.conf.example</c> (anomaly scoring, inbound threshold 5), paranoia level 1,
/// then <c>rules/*.conf</c> in ordinal order.
/// </summary>
internal static class CrsSetup
{
    public const string EngineConfig = """
        SecRuleEngine On
        SecRequestBodyAccess On
        SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
        SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
        SecRule REQUEST_HEADERS:Content-Type "@rx ^application/[a-z0-9.-]+[+]json" "id:200006,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
        SecRequestBodyLimit 13107200
        SecRequestBodyNoFilesLimit 131072
        SecRequestBodyLimitAction Reject
        SecRequestBodyJsonDepthLimit 512
        SecArgumentsLimit 1000
        SecRule &ARGS "@ge 1000" "id:200007,phase:2,t:none,log,deny,status:400,msg:'Failed to fully parse request body due to large argument count',severity:2"
        SecRule REQBODY_ERROR "!@eq 0" "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2"
        SecRule MULTIPART_STRICT_ERROR "!@eq 0" "id:200003,phase:2,t:none,log,deny,status:400,msg:'Multipart request body failed strict validation'"
        SecRule MULTIPART_UNMATCHED_BOUNDARY "@eq 1" "id:200004,phase:2,t:none,log,deny,msg:'Multipart parser detected a possible unmatched boundary.'"
        SecPcreMatchLimit 1000
        SecPcreMatchLimitRecursion 1000
        SecRule TX:/^MSC_/ "!@streq 0" "id:200005,phase:2,t:none,deny,msg:'ModSecurity internal error flagged: %{MATCHED_VAR_NAME}'"
        SecResponseBodyAccess On
        SecResponseBodyMimeType text/plain text/html text/xml
        SecResponseBodyLimit 524288
        SecResponseBodyLimitAction ProcessPartial
        SecAuditEngine RelevantOnly
        SecArgumentSeparator &
        SecCookieFormat 0
        SecStatusEngine Off
        """;

    public const string ParanoiaLevel1 = """
        SecAction "id:900000,phase:1,pass,t:none,nolog,setvar:tx.blocking_paranoia_level=1"
        """;

    /// <summary>Parses and builds the whole configuration from <paramref name="crsRoot"/>.</summary>
    public static RuleSet Load(string crsRoot, SecLangOptions options)
    {
        var parser = new SecLangParser(options);
        parser.LoadText(EngineConfig, Path.Combine(crsRoot, "modsecurity.conf"));
        parser.LoadFile(Path.Combine(crsRoot, "crs-setup.conf.example"));
        parser.LoadText(ParanoiaLevel1, Path.Combine(crsRoot, "paranoia.conf"));
        parser.LoadFile(Path.Combine(crsRoot, "rules", "*.conf"));
        return parser.Build();
    }

    /// <summary>The options a gateway would use: its own regex cache (so a benchmark can start cold), 50 ms regex timeout.</summary>
    public static SecLangOptions Options(RegexCache regexes) => new()
    {
        Regexes = regexes,
        RegexMatchTimeout = TimeSpan.FromMilliseconds(50),
        Environment = new Dictionary<string, string>(),
    };
}
