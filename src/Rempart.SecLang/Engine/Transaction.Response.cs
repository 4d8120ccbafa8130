namespace Rempart.SecLang.Engine;

/// <summary>The response side of a transaction.</summary>
public sealed partial class Transaction
{
    private byte[] _responseBody = [];
    private int _responseBodyLength;

    internal KeyValueList ResponseHeaders { get; } = new();
    internal int ResponseStatus { get; private set; }
    internal string ResponseProtocol { get; private set; } = "";
    internal string ResponseContentType { get; private set; } = "";
    internal string ResponseBody { get; private set; } = "";
    internal bool ResponseBodyTruncated { get; private set; }

    private bool IsInspectableResponseType()
    {
        var type = ResponseContentType;
        var semicolon = type.IndexOf(';');
        if (semicolon >= 0)
        {
            type = type[..semicolon];
        }

        return RuleSet.Settings.ResponseBodyMimeTypes.Contains(type.Trim());
    }

    private Interruption? AppendResponseBodyCore(ReadOnlySpan<byte> data)
    {
        if (!IsResponseBodyInspectable)
        {
            return null;
        }

        var room = RuleSet.Settings.ResponseBodyLimit - _responseBodyLength;
        if (data.Length > room)
        {
            ResponseBodyTruncated = true;
            if (RuleSet.Settings.ResponseBodyLimitAction == BodyLimitAction.Reject && RuleEngine == RuleEngineMode.On)
            {
                Interrupt(new Interruption(InterruptionAction.Deny, 500, 0));
                return _interruption;
            }

            data = data[..(int)Math.Max(0, room)];
        }

        if (_responseBodyLength + data.Length > _responseBody.Length)
        {
            Array.Resize(ref _responseBody, Math.Max(_responseBodyLength + data.Length, Math.Max(4096, _responseBody.Length * 2)));
        }

        data.CopyTo(_responseBody.AsSpan(_responseBodyLength));
        _responseBodyLength += data.Length;
        return null;
    }
}
