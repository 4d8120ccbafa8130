using System.Collections.Frozen;
using System.Globalization;
using Rempart.SecLang.Engine;
using Rempart.SecLang.Transformations;

namespace Rempart.SecLang.Variables;

/// <summary>
/// The one table of variables, by SecLang name (case-insensitive). Simple variables are declared here
/// with the shape they share (scalar, list collection, names, dictionary); variables with their own
/// logic have their own file. A duplicate name fails when the table is built.
/// </summary>
public static class VariableRegistry
{
    private static readonly FrozenDictionary<string, IVariable> s_table = TransformationRegistry.Build(Entries().Select(v => (v.Name, v)));

    /// <summary>Every registered name.</summary>
    public static IEnumerable<string> Names => s_table.Keys;

    /// <summary>The variable called <paramref name="name"/>, or null.</summary>
    public static IVariable? Find(string name) => s_table.GetValueOrDefault(name);

    private static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<IVariable> Entries()
    {
        // Request line and connection.
        yield return new ScalarVariable("REQUEST_METHOD", t => t.RequestMethod);
        yield return new ScalarVariable("REQUEST_PROTOCOL", t => t.RequestProtocol);
        yield return new ScalarVariable("REQUEST_URI", t => t.RequestUri);
        yield return new ScalarVariable("REQUEST_URI_RAW", t => t.RequestUriRaw);
        yield return new ScalarVariable("REQUEST_FILENAME", t => t.RequestFilename);
        yield return new ScalarVariable("REQUEST_BASENAME", t => t.RequestBasename);
        yield return new ScalarVariable("REQUEST_LINE", t => t.RequestLine);
        yield return new ScalarVariable("QUERY_STRING", t => t.QueryString);
        yield return new ScalarVariable("PATH_INFO", t => "");
        yield return new ScalarVariable("REMOTE_ADDR", t => t.RemoteAddr);
        yield return new ScalarVariable("REMOTE_HOST", t => t.RemoteAddr);
        yield return new ScalarVariable("REMOTE_PORT", t => Int(t.RemotePort));
        yield return new ScalarVariable("REMOTE_USER", t => "");
        yield return new ScalarVariable("AUTH_TYPE", t => "");
        yield return new ScalarVariable("SERVER_ADDR", t => t.ServerAddr);
        yield return new ScalarVariable("SERVER_NAME", t => t.ServerName);
        yield return new ScalarVariable("SERVER_PORT", t => Int(t.ServerPort));
        yield return new ScalarVariable("UNIQUE_ID", t => t.Id);
        yield return new ScalarVariable("WEBAPPID", t => t.RuleSet.Settings.WebAppId);

        // Request headers, cookies, arguments.
        yield return new CollectionVariable("REQUEST_HEADERS", t => t.RequestHeaders);
        yield return new NamesVariable("REQUEST_HEADERS_NAMES", t => t.RequestHeaders);
        yield return new CollectionVariable("REQUEST_COOKIES", t => t.RequestCookies);
        yield return new NamesVariable("REQUEST_COOKIES_NAMES", t => t.RequestCookies);
        yield return new CollectionVariable("ARGS", t => t.ArgsGet, t => t.ArgsPost);
        yield return new NamesVariable("ARGS_NAMES", t => t.ArgsGet, t => t.ArgsPost);
        yield return new CollectionVariable("ARGS_GET", t => t.ArgsGet);
        yield return new NamesVariable("ARGS_GET_NAMES", t => t.ArgsGet);
        yield return new CollectionVariable("ARGS_POST", t => t.ArgsPost);
        yield return new NamesVariable("ARGS_POST_NAMES", t => t.ArgsPost);
        yield return new ScalarVariable("ARGS_COMBINED_SIZE", t => Int(t.ArgsCombinedSize()));

        // Request body.
        yield return new ScalarVariable("REQUEST_BODY", t => t.RequestBody);
        yield return new ScalarVariable("REQUEST_BODY_LENGTH", t => Int(t.RequestBodyLength));
        yield return new ScalarVariable("FULL_REQUEST", t => t.FullRequest());
        yield return new ScalarVariable("FULL_REQUEST_LENGTH", t => Int(t.FullRequest().Length));
        yield return new ScalarVariable("REQBODY_PROCESSOR", t => t.RequestBodyProcessor);
        yield return new ScalarVariable("REQBODY_ERROR", t => Int(t.RequestBodyError));
        yield return new ScalarVariable("REQBODY_ERROR_MSG", t => t.RequestBodyErrorMessage);
        yield return new ScalarVariable("REQBODY_PROCESSOR_ERROR", t => Int(t.RequestBodyError));
        yield return new ScalarVariable("REQBODY_PROCESSOR_ERROR_MSG", t => t.RequestBodyErrorMessage);
        yield return new ScalarVariable("URLENCODED_ERROR", t => Int(t.UrlEncodedError));
        yield return new ScalarVariable("INBOUND_DATA_ERROR", t => "0");
        yield return new ScalarVariable("OUTBOUND_DATA_ERROR", t => t.ResponseBodyTruncated ? "1" : "0");
        yield return new XmlVariable();

        // Files and multipart.
        yield return new CollectionVariable("FILES", t => t.Files);
        yield return new NamesVariable("FILES_NAMES", t => t.Files);
        yield return new CollectionVariable("FILES_SIZES", t => t.FilesSizes);
        yield return new CollectionVariable("FILES_TMPNAMES", t => t.FilesTmpNames);
        yield return new CollectionVariable("FILES_TMP_CONTENT", t => t.FilesTmpContent);
        yield return new ScalarVariable("FILES_COMBINED_SIZE", t => Int(t.FilesCombinedSize));
        yield return new CollectionVariable("MULTIPART_PART_HEADERS", t => t.MultipartPartHeaders);
        yield return new CollectionVariable("MULTIPART_FILENAME", t => t.MultipartFileNames);
        yield return new CollectionVariable("MULTIPART_NAME", t => t.MultipartNames);
        foreach (var flag in BodyProcessors.MultipartParser.FlagNames)
        {
            var name = flag;
            yield return new ScalarVariable(name, t => t.MultipartFlags.GetValueOrDefault(name, "0"));
        }

        // Response.
        yield return new ScalarVariable("RESPONSE_STATUS", t => Int(t.ResponseStatus));
        yield return new ScalarVariable("RESPONSE_PROTOCOL", t => t.ResponseProtocol);
        yield return new ScalarVariable("STATUS_LINE", t => $"{t.ResponseProtocol} {Int(t.ResponseStatus)}");
        yield return new CollectionVariable("RESPONSE_HEADERS", t => t.ResponseHeaders);
        yield return new NamesVariable("RESPONSE_HEADERS_NAMES", t => t.ResponseHeaders);
        yield return new ScalarVariable("RESPONSE_BODY", t => t.ResponseBody);
        yield return new ScalarVariable("RESPONSE_CONTENT_TYPE", t => t.ResponseContentType);
        yield return new ScalarVariable("RESPONSE_CONTENT_LENGTH", t => t.ResponseHeaders.Get("Content-Length") ?? "");

        // Rule state.
        yield return new DictionaryVariable("TX", t => t.Tx);
        yield return new DictionaryVariable("ENV", t => t.EnvironmentVariables());
        yield return new DictionaryVariable("IP", t => t.Persistent("IP"));
        yield return new DictionaryVariable("SESSION", t => t.Persistent("SESSION"));
        yield return new DictionaryVariable("USER", t => t.Persistent("USER"));
        yield return new DictionaryVariable("GLOBAL", t => t.Persistent("GLOBAL"));
        yield return new DictionaryVariable("RESOURCE", t => t.Persistent("RESOURCE"));
        yield return new DictionaryVariable("GEO", t => null);
        yield return new ScalarVariable("SESSIONID", t => t.Persistent("SESSION")?.GetValueOrDefault("KEY") ?? "");
        yield return new ScalarVariable("USERID", t => t.Persistent("USER")?.GetValueOrDefault("KEY") ?? "");
        yield return new ScalarVariable("MATCHED_VAR", t => t.MatchedVar);
        yield return new ScalarVariable("MATCHED_VAR_NAME", t => t.MatchedVarName);
        yield return new MatchedVarsVariable("MATCHED_VARS", names: false);
        yield return new MatchedVarsVariable("MATCHED_VARS_NAMES", names: true);
        yield return new RuleVariable();
        yield return new ScalarVariable("HIGHEST_SEVERITY", t => Int(t.HighestSeverity));
        yield return new ScalarVariable("DURATION", t => Int((long)(t.Clock.GetUtcNow() - t.Started).TotalMicroseconds));

        // Time.
        yield return new ScalarVariable("TIME", t => Now(t).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        yield return new ScalarVariable("TIME_DAY", t => Int(Now(t).Day));
        yield return new ScalarVariable("TIME_EPOCH", t => Int(Now(t).ToUnixTimeSeconds()));
        yield return new ScalarVariable("TIME_HOUR", t => Int(Now(t).Hour));
        yield return new ScalarVariable("TIME_MIN", t => Int(Now(t).Minute));
        yield return new ScalarVariable("TIME_MON", t => Int(Now(t).Month - 1));
        yield return new ScalarVariable("TIME_SEC", t => Int(Now(t).Second));
        yield return new ScalarVariable("TIME_WDAY", t => Int((int)Now(t).DayOfWeek));
        yield return new ScalarVariable("TIME_YEAR", t => Int(Now(t).Year));
    }

    private static DateTimeOffset Now(Transaction t) => t.Clock.GetLocalNow();
}
