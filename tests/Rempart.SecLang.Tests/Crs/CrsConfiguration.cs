using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>
/// Loads CRS the way CRS's own CI runs it (../shared/testdata/crs/FORMAT.md §6): the engine settings and
/// body-processor rules of the image's modsecurity.conf (written here from that description), the unmodified
/// crs-setup.conf.example, the CI's setup values (paranoia level 4, argument and file limits), then
/// rules/*.conf in ordinal order.
/// </summary>
internal static class CrsConfiguration
{
    /// <summary>modsecurity.conf of the CRS test image, as described in FORMAT.md.</summary>
    public const string EngineConfig = """
        SecRuleEngine DetectionOnly
        SecRequestBodyAccess On
        SecResponseBodyAccess On
        SecResponseBodyMimeType text/plain text/html text/xml application/json
        SecRequestBodyLimit 13107200
        SecRequestBodyNoFilesLimit 131072
        SecRequestBodyLimitAction Reject
        SecRequestBodyJsonDepthLimit 512
        SecArgumentsLimit 1000
        SecResponseBodyLimit 1048576
        SecResponseBodyLimitAction ProcessPartial
        SecPcreMatchLimit 100000
        SecPcreMatchLimitRecursion 100000
        SecArgumentSeparator &
        SecCookieFormat 0
        SecUnicodeMapFile unicode.mapping 20127
        SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
        SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
        SecRule REQUEST_HEADERS:Content-Type "@rx ^application/[a-z0-9.-]+[+]json" "id:200006,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
        SecRule &ARGS "@ge 1000" "id:200007,phase:2,t:none,log,deny,status:400,msg:'Failed to fully parse request body due to large argument count',severity:2"
        SecRule REQBODY_ERROR "!@eq 0" "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2"
        SecRule MULTIPART_STRICT_ERROR "!@eq 0" "id:200003,phase:2,t:none,log,deny,status:400,msg:'Multipart request body failed strict validation'"
        SecRule MULTIPART_UNMATCHED_BOUNDARY "@eq 1" "id:200004,phase:2,t:none,log,deny,msg:'Multipart parser detected a possible unmatched boundary.'"
        SecRule TX:/^MSC_/ "!@streq 0" "id:200005,phase:2,t:none,deny,msg:'ModSecurity internal error flagged: %{MATCHED_VAR_NAME}'"
        """;

    /// <summary>The values CRS CI sets in crs-setup.conf (FORMAT.md §6), as SecActions after the unmodified example.</summary>
    public const string CiSetup = """
        SecAction "id:900000,phase:1,pass,t:none,nolog,setvar:tx.blocking_paranoia_level=4"
        SecAction "id:900320,phase:1,pass,t:none,nolog,setvar:tx.arg_length=400"
        SecAction "id:900330,phase:1,pass,t:none,nolog,setvar:tx.total_arg_length=6400"
        SecAction "id:900340,phase:1,pass,t:none,nolog,setvar:tx.max_file_size=64100"
        SecAction "id:900350,phase:1,pass,t:none,nolog,setvar:tx.combined_file_sizes=65535"
        """;

    /// <summary>Loads the whole CI configuration from <paramref name="crsRoot"/>.</summary>
    public static (RuleSet Rules, TimeSpan Elapsed) Load(string crsRoot, SecLangOptions? options = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var parser = new SecLangParser(options);
        parser.LoadText(EngineConfig, Path.Combine(crsRoot, "modsecurity.conf"));
        parser.LoadFile(Path.Combine(crsRoot, "crs-setup.conf.example"));
        parser.LoadText(CiSetup, Path.Combine(crsRoot, "crs-ci-setup.conf"));
        parser.LoadFile(Path.Combine(crsRoot, "rules", "*.conf"));
        var rules = parser.Build();
        return (rules, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
