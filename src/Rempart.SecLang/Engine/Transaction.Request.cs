using System.Globalization;
using Rempart.SecLang.BodyProcessors;
using Rempart.SecLang.Transformations;

namespace Rempart.SecLang.Engine;

/// <summary>The request side of a transaction: what the variables read, and how the request is parsed.</summary>
public sealed partial class Transaction
{
    private byte[] _requestBody = [];
    private int _requestBodyLength;
    private bool _requestBodyTruncated;

    internal string RemoteAddr { get; private set; } = "";
    internal int RemotePort { get; private set; }
    internal string ServerAddr { get; private set; } = "";
    internal int ServerPort { get; private set; }
    internal string ServerName { get; private set; } = "";
    internal string RequestMethod { get; private set; } = "";
    internal string RequestProtocol { get; private set; } = "";
    internal string RequestUriRaw { get; private set; } = "";
    internal string RequestUri { get; private set; } = "";
    internal string RequestFilename { get; private set; } = "";
    internal string RequestBasename { get; private set; } = "";
    internal string QueryString { get; private set; } = "";
    internal string RequestLine { get; private set; } = "";
    internal string RequestBody { get; private set; } = "";
    internal int RequestBodyLength => _requestBodyLength;

    internal KeyValueList ArgsGet { get; } = new();
    internal KeyValueList ArgsPost { get; } = new();
    internal KeyValueList RequestHeaders { get; } = new();
    internal KeyValueList RequestCookies { get; } = new();
    internal KeyValueList Files { get; } = new();
    internal KeyValueList FilesSizes { get; } = new();
    internal KeyValueList FilesTmpNames { get; } = new();
    internal KeyValueList FilesTmpContent { get; } = new();
    internal KeyValueList MultipartPartHeaders { get; } = new();
    internal KeyValueList MultipartFileNames { get; } = new();
    internal KeyValueList MultipartNames { get; } = new();
    internal Dictionary<string, string> MultipartFlags { get; } = new(StringComparer.OrdinalIgnoreCase);
    internal List<KeyValuePair<string, string>> XmlValues { get; } = [];
    internal List<KeyValuePair<string, string>> XmlAttributes { get; } = [];
    internal bool XmlParsed { get; set; }
    internal string XmlText { get; set; } = "";

    /// <summary>REQBODY_PROCESSOR: URLENCODED, MULTIPART, JSON, XML, or empty.</summary>
    public string RequestBodyProcessor { get; internal set; } = "";

    internal bool ForceRequestBodyVariable { get; set; }
    internal int RequestBodyError { get; set; }
    internal string RequestBodyErrorMessage { get; set; } = "";
    internal int UrlEncodedError { get; set; }
    internal long FilesCombinedSize { get; set; }

    internal void SetRequestLine(string uri, string method, string protocol)
    {
        RequestUriRaw = uri;
        RequestMethod = method;
        RequestProtocol = protocol;
        RequestLine = protocol.Length == 0 ? $"{method} {uri}" : $"{method} {uri} {protocol}";

        // REQUEST_URI never holds the scheme and host, even when the request line did.
        var relative = uri;
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && uri.AsSpan(0, schemeEnd).IndexOfAny("/?") < 0)
        {
            var pathStart = uri.IndexOf('/', schemeEnd + 3);
            relative = pathStart < 0 ? "/" : uri[pathStart..];
        }

        RequestUri = relative;
        var question = relative.IndexOf('?');
        // REQUEST_FILENAME is the path, %-decoded as the web server decodes it (no '+' to space).
        RequestFilename = PercentDecode(question < 0 ? relative : relative[..question]);
        QueryString = question < 0 ? "" : relative[(question + 1)..];
        var slash = RequestFilename.LastIndexOfAny(['/', '\\']);
        RequestBasename = slash < 0 ? RequestFilename : RequestFilename[(slash + 1)..];
        if (QueryString.Length > 0)
        {
            UrlEncodedParser.Parse(this, QueryString, ArgsGet);
        }
    }

    private void PrepareRequestHeaders()
    {
        foreach (var header in RequestHeaders.Items)
        {
            if (header.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                ParseCookies(header.Value);
            }
            else if (header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) && ServerName.Length == 0)
            {
                var host = header.Value;
                var colon = host.LastIndexOf(':');
                ServerName = colon > 0 && !host.EndsWith(']') ? host[..colon] : host;
            }
        }

        var contentType = RequestHeaders.Get("Content-Type") ?? "";
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            RequestBodyProcessor = "URLENCODED";
        }
        else if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            RequestBodyProcessor = "MULTIPART";
        }
    }

    private void ParseCookies(string header)
    {
        foreach (var part in header.Split(';'))
        {
            var item = part.TrimStart(' ', '\t');
            if (item.Length == 0)
            {
                continue;
            }

            var eq = item.IndexOf('=');
            if (eq < 0)
            {
                RequestCookies.Add(item, "");
            }
            else
            {
                RequestCookies.Add(item[..eq], item[(eq + 1)..]);
            }
        }
    }

    private Interruption? AppendRequestBodyCore(ReadOnlySpan<byte> data)
    {
        var room = RequestBodyLimit - _requestBodyLength;
        if (data.Length > room)
        {
            _requestBodyTruncated = true;
            if (RuleSet.Settings.RequestBodyLimitAction == BodyLimitAction.Reject)
            {
                RequestBodyError = 1;
                RequestBodyErrorMessage = "Request body is larger than the configured limit (" + RequestBodyLimit.ToString(CultureInfo.InvariantCulture) + ").";
                if (RuleEngine == RuleEngineMode.On)
                {
                    Interrupt(new Interruption(InterruptionAction.Deny, 413, 0));
                }

                return _interruption;
            }

            data = data[..(int)Math.Max(0, room)];
        }

        if (_requestBodyLength + data.Length > _requestBody.Length)
        {
            Array.Resize(ref _requestBody, Math.Max(_requestBodyLength + data.Length, Math.Max(4096, _requestBody.Length * 2)));
        }

        data.CopyTo(_requestBody.AsSpan(_requestBodyLength));
        _requestBodyLength += data.Length;
        return null;
    }

    private void ParseRequestBody()
    {
        if (!RequestBodyAccess)
        {
            return;
        }

        var body = Text.Latin1.FromBytes(_requestBody.AsSpan(0, _requestBodyLength));

        // REQUEST_BODY holds the raw body only without a structured processor (or urlencoded), or when forced.
        if (RequestBodyProcessor is "" or "URLENCODED" || ForceRequestBodyVariable)
        {
            RequestBody = body;
        }

        if (RequestBodyProcessor != "MULTIPART" && _requestBodyLength > RuleSet.Settings.RequestBodyNoFilesLimit)
        {
            RequestBodyError = 1;
            RequestBodyErrorMessage = "Request body excluding files is bigger than the maximum expected.";
            if (RuleSet.Settings.RequestBodyLimitAction == BodyLimitAction.Reject && RuleEngine == RuleEngineMode.On)
            {
                Interrupt(new Interruption(InterruptionAction.Deny, 413, 0));
                return;
            }
        }

        _ = _requestBodyTruncated;
        switch (RequestBodyProcessor)
        {
            case "URLENCODED":
                UrlEncodedParser.Parse(this, body, ArgsPost);
                break;
            case "MULTIPART":
                MultipartParser.Parse(this, body, RequestHeaders.Get("Content-Type") ?? "");
                break;
            case "JSON":
                JsonBodyParser.Parse(this, _requestBody.AsMemory(0, _requestBodyLength));
                break;
            case "XML":
                XmlBodyParser.Parse(this, _requestBody.AsMemory(0, _requestBodyLength));
                break;
        }
    }

    internal void SetBodyError(string message)
    {
        if (RequestBodyError == 0)
        {
            RequestBodyError = 1;
            RequestBodyErrorMessage = message;
        }
    }

    internal string FullRequest()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(RequestLine).Append('\n');
        foreach (var header in RequestHeaders.Items)
        {
            sb.Append(header.Key).Append(": ").Append(header.Value).Append('\n');
        }

        sb.Append('\n').Append(RequestBody);
        return sb.ToString();
    }

    internal long ArgsCombinedSize()
    {
        long size = 0;
        foreach (var p in ArgsGet.Items)
        {
            size += p.Key.Length + p.Value.Length;
        }

        foreach (var p in ArgsPost.Items)
        {
            size += p.Key.Length + p.Value.Length;
        }

        return size;
    }

    private static string PercentDecode(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var sb = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length && TransformationHelpers.IsHex(value[i + 1]) && TransformationHelpers.IsHex(value[i + 2]))
            {
                sb.Append(TransformationHelpers.HexPair(value[i + 1], value[i + 2]));
                i += 2;
            }
            else
            {
                sb.Append(value[i]);
            }
        }

        return sb.ToString();
    }
}
