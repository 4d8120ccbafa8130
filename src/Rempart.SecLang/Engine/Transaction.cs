using System.Globalization;
using Rempart.SecLang.Variables;

namespace Rempart.SecLang.Engine;

/// <summary>
/// One HTTP transaction inspected by a <see cref="RuleSet"/>. The host calls the phase methods in order
/// and turns a returned <see cref="Interruption"/> into its own response; the engine never touches HTTP.
/// </summary>
/// <remarks>
/// Step 1: <see cref="ProcessConnection"/> and <see cref="ProcessUri"/> record who asked for what.
/// Step 2: <see cref="AddRequestHeader"/> for each header, then <see cref="ProcessRequestHeaders"/> runs phase 1.
/// Step 3: <see cref="AppendRequestBody"/> as the body arrives, then <see cref="ProcessRequestBody"/> parses it
/// (urlencoded, multipart, JSON, XML) and runs phase 2.
/// Step 4: <see cref="AddResponseHeader"/> and <see cref="ProcessResponseHeaders"/> run phase 3.
/// Step 5: <see cref="AppendResponseBody"/> and <see cref="ProcessResponseBody"/> run phase 4.
/// Step 6: <see cref="ProcessLogging"/> runs phase 5 and stores persistent collections.
/// Not thread-safe: one transaction belongs to one request.
/// </remarks>
public sealed partial class Transaction
{
    private readonly List<MatchedRule> _matchedRules = [];
    private readonly Stack<List<MatchTarget>> _targetLists = new();
    private readonly DateTimeOffset _started;
    private Interruption? _interruption;
    private int _lastPhase;

    internal Transaction(RuleSet ruleSet, string? id, TimeProvider? clock)
    {
        RuleSet = ruleSet;
        Options = ruleSet.Options;
        var settings = ruleSet.Settings;
        RuleEngine = settings.RuleEngine;
        RequestBodyAccess = settings.RequestBodyAccess;
        ResponseBodyAccess = settings.ResponseBodyAccess;
        RequestBodyLimit = settings.RequestBodyLimit;
        AuditEngine = settings.AuditEngine;
        CollectionStore = Options.CollectionStore;
        Clock = clock ?? Options.TimeProvider;
        _started = Clock.GetUtcNow();
        Id = id ?? Guid.NewGuid().ToString("N");
    }

    /// <summary>
    /// Where this transaction's IP/SESSION/USER/GLOBAL/RESOURCE collections live; the options' store unless the
    /// host sets its own (a rule set shared by several hosts keeps each host's state apart). Set before phase 1.
    /// </summary>
    public IPersistentCollectionStore CollectionStore { get; set; }

    /// <summary>
    /// The clock of this transaction (TIME*, DURATION, persistent-collection and <c>expirevar</c> expiry): the host's
    /// when it gave one to <see cref="RuleSet.NewTransaction"/>, else the options'.
    /// </summary>
    public TimeProvider Clock { get; }

    /// <summary>The rule set this transaction runs.</summary>
    public RuleSet RuleSet { get; }

    internal SecLangOptions Options { get; }

    /// <summary>The transaction id (UNIQUE_ID).</summary>
    public string Id { get; }

    /// <summary>The rule engine mode in force (a rule may change it with <c>ctl:ruleEngine</c>).</summary>
    public RuleEngineMode RuleEngine { get; internal set; }

    /// <summary>Whether the request body is parsed (<c>ctl:requestBodyAccess</c> may change it).</summary>
    public bool RequestBodyAccess { get; internal set; }

    /// <summary>Whether the response body is inspected.</summary>
    public bool ResponseBodyAccess { get; internal set; }

    /// <summary>The request body limit in force.</summary>
    public long RequestBodyLimit { get; internal set; }

    /// <summary>The audit engine mode in force.</summary>
    public string AuditEngine { get; internal set; }

    /// <summary>The interruption, once a disruptive action fired with the engine On.</summary>
    public Interruption? Interruption => _interruption;

    /// <summary>The rules that matched so far, in order.</summary>
    public IReadOnlyList<MatchedRule> MatchedRules => _matchedRules;

    /// <summary>How many regular-expression matches were abandoned on timeout.</summary>
    public int RegexTimeouts { get; internal set; }

    /// <summary>True once <see cref="SecLangOptions.MaxRegexTimeouts"/> timeouts happened: no operator matches any more.</summary>
    public bool InspectionAbandoned => Options.MaxRegexTimeouts > 0 && RegexTimeouts >= Options.MaxRegexTimeouts;

    /// <summary>CRS's inbound anomaly score (TX:blocking_inbound_anomaly_score, else TX:anomaly_score), 0 when unset.</summary>
    public int InboundAnomalyScore => TxInt("blocking_inbound_anomaly_score") ?? TxInt("anomaly_score") ?? 0;

    /// <summary>CRS's outbound anomaly score (TX:blocking_outbound_anomaly_score), 0 when unset.</summary>
    public int OutboundAnomalyScore => TxInt("blocking_outbound_anomaly_score") ?? 0;

    /// <summary>The TX collection (read-only view), e.g. for the host's labels.</summary>
    public IReadOnlyDictionary<string, string> TxVariables => Tx;

    /// <summary>The lowest severity number (most severe) among matched rules, or 255.</summary>
    public int HighestSeverity { get; internal set; } = 255;

    /// <summary>Records the client and server endpoints.</summary>
    public void ProcessConnection(string clientAddress, int clientPort, string serverAddress, int serverPort)
    {
        RemoteAddr = clientAddress;
        RemotePort = clientPort;
        ServerAddr = serverAddress;
        ServerPort = serverPort;
    }

    /// <summary>Records the request line: the target exactly as received, the method and the protocol (<c>HTTP/1.1</c>).</summary>
    public void ProcessUri(string uri, string method, string protocol) => SetRequestLine(uri, method, protocol);

    /// <summary>Adds one request header as received (values hold one byte per char).</summary>
    public void AddRequestHeader(string name, string value) => RequestHeaders.Add(name, value);

    /// <summary>Runs phase 1.</summary>
    public Interruption? ProcessRequestHeaders()
    {
        PrepareRequestHeaders();
        return RunPhase(1);
    }

    /// <summary>Appends request body bytes; returns an interruption when the body limit says Reject.</summary>
    public Interruption? AppendRequestBody(ReadOnlySpan<byte> data) => AppendRequestBodyCore(data);

    /// <summary>Parses the request body with the selected processor and runs phase 2.</summary>
    public Interruption? ProcessRequestBody()
    {
        if (_interruption is null)
        {
            ParseRequestBody();
        }

        return RunPhase(2);
    }

    /// <summary>Adds one response header.</summary>
    public void AddResponseHeader(string name, string value) => ResponseHeaders.Add(name, value);

    /// <summary>Records the response status and protocol, then runs phase 3.</summary>
    public Interruption? ProcessResponseHeaders(int status, string protocol)
    {
        ResponseStatus = status;
        ResponseProtocol = protocol;
        ResponseContentType = ResponseHeaders.Get("Content-Type") ?? "";
        return RunPhase(3);
    }

    /// <summary>True when the response body should be given to the engine (access on and inspectable type).</summary>
    public bool IsResponseBodyInspectable => ResponseBodyAccess && IsInspectableResponseType();

    /// <summary>Appends response body bytes (ignored unless <see cref="IsResponseBodyInspectable"/>).</summary>
    public Interruption? AppendResponseBody(ReadOnlySpan<byte> data) => AppendResponseBodyCore(data);

    /// <summary>Runs phase 4.</summary>
    public Interruption? ProcessResponseBody()
    {
        ResponseBody = IsResponseBodyInspectable ? Text.Latin1.FromBytes(_responseBody.AsSpan(0, _responseBodyLength)) : "";
        return RunPhase(4);
    }

    /// <summary>Runs phase 5 and stores the persistent collections. Call it once, last: the transaction evaluates nothing afterwards.</summary>
    public void ProcessLogging()
    {
        try
        {
            RunPhase(5, force: true);
        }
        finally
        {
            // What phases 1-4 counted is stored even when phase 5 fails, and the pooled cache always goes back.
            try
            {
                StorePersistentCollections();
            }
            finally
            {
                ReleaseTransformCache();
            }
        }
    }

    /// <summary>The error-log lines of the logged matched rules, formatted as ModSecurity writes them.</summary>
    public IEnumerable<string> LogLines()
    {
        var host = RequestHeaders.Get("Host") ?? "";
        foreach (var rule in _matchedRules)
        {
            if (rule.IsLogged)
            {
                foreach (var line in rule.ToLogLines(host, RequestUriRaw, Id))
                {
                    yield return line;
                }
            }
        }
    }

    /// <summary>Records a capture group (TX:0–TX:9) when the rule being evaluated has <c>capture</c>.</summary>
    public void SetCapture(int index, string value)
    {
        if (CaptureEnabled && index is >= 0 and <= 9)
        {
            Tx[CaptureKeys[index]] = value;
        }
    }

    /// <summary>True while the rule link being evaluated has the <c>capture</c> action.</summary>
    public bool CaptureEnabled { get; internal set; }

    internal static readonly string[] CaptureKeys = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    internal void ClearCaptures()
    {
        foreach (var key in CaptureKeys)
        {
            Tx.Remove(key);
        }
    }

    internal DateTimeOffset Started => _started;

    internal List<MatchTarget> RentTargetList() => _targetLists.Count > 0 ? _targetLists.Pop() : new List<MatchTarget>();

    internal void ReturnTargetList(List<MatchTarget> list)
    {
        list.Clear();
        _targetLists.Push(list);
    }

    internal void AddMatchedRule(MatchedRule rule)
    {
        _matchedRules.Add(rule);
        if (rule.Rule.Severity is { } severity && severity < HighestSeverity)
        {
            HighestSeverity = severity;
        }
    }

    internal void Interrupt(Interruption interruption) => _interruption ??= interruption;

    private int? TxInt(string key) =>
        Tx.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private Interruption? RunPhase(int phase, bool force = false)
    {
        if (_lastPhase >= phase && !force)
        {
            return _interruption;
        }

        _lastPhase = phase;
        if (_interruption is not null && !force)
        {
            return _interruption;
        }

        if (RuleEngine != RuleEngineMode.Off)
        {
            RuleEvaluator.RunPhase(this, phase);
        }

        return _interruption;
    }
}
