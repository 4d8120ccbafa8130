namespace Rempart.Detection.Html;

/// <summary>
/// Splits text into HTML tokens following the HTML5 tokenizer's states, reduced to what decides
/// whether script can run: tags, attribute names and values, comments and declarations.
/// Follows browsers where they are lenient (an attribute right after a quoted value, a '/' between
/// attributes, an unterminated tag at the end), plus two legacy quirks attackers still use:
/// back-quoted attribute values and <c>&lt;% %&gt;</c> blocks (old Internet Explorer).
/// Allocation-free and linear; never throws.
/// </summary>
internal ref struct HtmlTokenizer
{
    private enum State
    {
        Data,
        BeforeAttributeName,
        AfterAttributeName,
        BeforeAttributeValue,
        RawText,
    }

    private readonly ReadOnlySpan<char> _input;
    private int _position;
    private State _state;
    private HtmlStartState _pendingStart;
    private bool _inEndTag;
    private bool _rawTextAfterTag;

    public HtmlTokenizer(ReadOnlySpan<char> input, HtmlStartState start)
    {
        _input = input;
        _pendingStart = start;
        _state = State.Data;
    }

    /// <summary>Reads the next token; false at the end of the input.</summary>
    public bool Next(out HtmlToken token)
    {
        if (_pendingStart == HtmlStartState.InTag)
        {
            _pendingStart = HtmlStartState.Data;
            _state = State.BeforeAttributeName;
        }

        if (_pendingStart != HtmlStartState.Data)
        {
            // The application's own attribute value: the input starts inside it.
            token = ReadContextValue();
            return true;
        }

        while (_position < _input.Length)
        {
            var found = _state switch
            {
                State.Data => ReadData(out token),
                State.BeforeAttributeName => ReadBeforeAttributeName(out token),
                State.AfterAttributeName => ReadAfterAttributeName(out token),
                State.BeforeAttributeValue => ReadAttributeValue(out token),
                _ => ReadRawText(out token),
            };

            if (found)
            {
                return true;
            }
        }

        if (_state == State.BeforeAttributeValue && !_inEndTag)
        {
            // "onload=" at the very end: the value is empty, but the attribute was given one.
            _state = State.BeforeAttributeName;
            token = new HtmlToken(HtmlTokenType.AttributeValue, _input.Length, 0);
            return true;
        }

        token = default;
        return false;
    }

    private HtmlToken ReadContextValue()
    {
        var start = _pendingStart;
        _pendingStart = HtmlStartState.Data;
        _state = State.BeforeAttributeName;
        if (start == HtmlStartState.ValueUnquoted)
        {
            _position = EndOfUnquotedValue(0);
            return new HtmlToken(HtmlTokenType.AttributeValue, 0, _position);
        }

        var quote = start switch
        {
            HtmlStartState.ValueSingleQuoted => '\'',
            HtmlStartState.ValueDoubleQuoted => '"',
            _ => '`',
        };
        var close = _input.IndexOf(quote);
        var end = close < 0 ? _input.Length : close;
        _position = close < 0 ? end : end + 1;
        return new HtmlToken(HtmlTokenType.AttributeValue, 0, end);
    }

    private bool ReadData(out HtmlToken token)
    {
        var start = _position;
        if (_input[start] != '<')
        {
            var next = _input[start..].IndexOf('<');
            _position = next < 0 ? _input.Length : start + next;
            token = new HtmlToken(HtmlTokenType.DataText, start, _position - start);
            return true;
        }

        var c = Peek(1);
        if (char.IsAsciiLetter(c))
        {
            var end = EndOfTagName(start + 1);
            _position = end;
            _state = State.BeforeAttributeName;
            _inEndTag = false;
            var name = _input[(start + 1)..end];
            _rawTextAfterTag = name.Equals("style", StringComparison.OrdinalIgnoreCase);
            token = new HtmlToken(HtmlTokenType.TagNameOpen, start + 1, end - start - 1);
            return true;
        }

        switch (c)
        {
            case '/':
                return ReadEndTag(start, out token);
            case '!':
                return ReadMarkupDeclaration(start, out token);
            case '?':
                // Processing instructions (<?xml-stylesheet ...?>, <?import ...>) are bogus comments to HTML.
                token = ReadUntil(start + 2, ">", HtmlTokenType.TagComment);
                return true;
            case '%':
                token = ReadUntil(start + 2, "%>", HtmlTokenType.TagComment);
                return true;
            default:
                // A '<' that opens nothing is text.
                _position = start + 1;
                token = new HtmlToken(HtmlTokenType.DataText, start, 1);
                return true;
        }
    }

    private bool ReadEndTag(int start, out HtmlToken token)
    {
        var c = Peek(2);
        if (char.IsAsciiLetter(c))
        {
            var end = EndOfTagName(start + 2);
            _position = end;
            _state = State.BeforeAttributeName;
            _inEndTag = true;
            _rawTextAfterTag = false;
            token = new HtmlToken(HtmlTokenType.TagClose, start + 2, end - start - 2);
            return true;
        }

        if (c == '>')
        {
            // "</>" is dropped by browsers.
            _position = start + 3;
            token = default;
            return false;
        }

        token = ReadUntil(start + 2, ">", HtmlTokenType.TagComment);
        return true;
    }

    private bool ReadMarkupDeclaration(int start, out HtmlToken token)
    {
        var rest = _input[start..];
        if (rest.StartsWith("<!--"))
        {
            // "<!-->" and "<!--->" are complete (empty) comments.
            var bodyStart = start + 4;
            if (Peek(4) == '>' || (Peek(4) == '-' && Peek(5) == '>'))
            {
                _position = Peek(4) == '>' ? start + 5 : start + 6;
                token = new HtmlToken(HtmlTokenType.TagComment, bodyStart, 0);
                return true;
            }

            // A comment ends at "-->" and also at "--!>".
            var body = _input[bodyStart..];
            var close = body.IndexOf("--");
            while (close >= 0 && !(body[(close + 2)..].StartsWith(">") || body[(close + 2)..].StartsWith("!>")))
            {
                var next = body[(close + 1)..].IndexOf("--");
                close = next < 0 ? -1 : close + 1 + next;
            }

            var bodyEnd = close < 0 ? _input.Length : bodyStart + close;
            _position = close < 0 ? _input.Length : bodyEnd + (body[(close + 2)..].StartsWith(">") ? 3 : 4);
            _state = State.Data;
            token = new HtmlToken(HtmlTokenType.TagComment, bodyStart, bodyEnd - bodyStart);
            return true;
        }

        if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            token = ReadUntil(start + 2, ">", HtmlTokenType.Doctype);
            return true;
        }

        if (rest.StartsWith("<![CDATA["))
        {
            token = ReadUntil(start + 9, "]]>", HtmlTokenType.DataText);
            return true;
        }

        token = ReadUntil(start + 2, ">", HtmlTokenType.TagComment);
        return true;
    }

    private bool ReadBeforeAttributeName(out HtmlToken token)
    {
        token = default;
        var c = _input[_position];
        if (IsSpace(c))
        {
            _position++;
            return false;
        }

        if (c == '/')
        {
            if (Peek(1) != '>')
            {
                _position++;
                return false;
            }

            token = new HtmlToken(HtmlTokenType.TagNameSelfClose, _position, 2);
            _position += 2;
            return EndTag();
        }

        if (c == '>')
        {
            token = new HtmlToken(HtmlTokenType.TagNameClose, _position, 1);
            _position++;
            return EndTag();
        }

        // The first character is always part of the name, even '=' (HTML5 "=_=x" is attribute "=_").
        var start = _position;
        var i = start + 1;
        while (i < _input.Length && !IsSpace(_input[i]) && _input[i] is not ('/' or '>' or '='))
        {
            i++;
        }

        _position = i;
        _state = State.AfterAttributeName;
        token = new HtmlToken(HtmlTokenType.AttributeName, start, i - start);
        return !_inEndTag;
    }

    private bool ReadAfterAttributeName(out HtmlToken token)
    {
        token = default;
        var c = _input[_position];
        if (IsSpace(c))
        {
            _position++;
            return false;
        }

        if (c == '=')
        {
            _position++;
            _state = State.BeforeAttributeValue;
            return false;
        }

        _state = State.BeforeAttributeName;
        return false;
    }

    private bool ReadAttributeValue(out HtmlToken token)
    {
        var c = _input[_position];
        if (IsSpace(c))
        {
            _position++;
            token = default;
            return false;
        }

        _state = State.BeforeAttributeName;
        if (c == '>')
        {
            // "a=>" : an empty value; the '>' still ends the tag.
            token = new HtmlToken(HtmlTokenType.AttributeValue, _position, 0);
            return !_inEndTag;
        }

        if (c is '"' or '\'' or '`')
        {
            var start = _position + 1;
            var close = _input[start..].IndexOf(c);
            var end = close < 0 ? _input.Length : start + close;
            _position = close < 0 ? end : end + 1;
            token = new HtmlToken(HtmlTokenType.AttributeValue, start, end - start);
            return !_inEndTag;
        }

        var valueStart = _position;
        _position = EndOfUnquotedValue(valueStart);
        token = new HtmlToken(HtmlTokenType.AttributeValue, valueStart, _position - valueStart);
        return !_inEndTag;
    }

    /// <summary>The content of &lt;style&gt;, read as one block up to &lt;/style.</summary>
    private bool ReadRawText(out HtmlToken token)
    {
        var start = _position;
        var end = _input[start..].IndexOf("</style", StringComparison.OrdinalIgnoreCase);
        _position = end < 0 ? _input.Length : start + end;
        _state = State.Data;
        token = new HtmlToken(HtmlTokenType.TagData, start, _position - start);
        return _position > start;
    }

    /// <summary>Closes the current tag; returns whether its closing token is reported.</summary>
    private bool EndTag()
    {
        _state = _rawTextAfterTag && !_inEndTag ? State.RawText : State.Data;
        _rawTextAfterTag = false;
        return !_inEndTag;
    }

    /// <summary>Reads from <paramref name="bodyStart"/> up to <paramref name="terminator"/> (or the end) as one token.</summary>
    private HtmlToken ReadUntil(int bodyStart, string terminator, HtmlTokenType type)
    {
        bodyStart = Math.Min(bodyStart, _input.Length);
        var end = _input[bodyStart..].IndexOf(terminator);
        var bodyEnd = end < 0 ? _input.Length : bodyStart + end;
        _position = end < 0 ? _input.Length : bodyEnd + terminator.Length;
        _state = State.Data;
        return new HtmlToken(type, bodyStart, bodyEnd - bodyStart);
    }

    private readonly int EndOfTagName(int i)
    {
        while (i < _input.Length && !IsSpace(_input[i]) && _input[i] is not ('/' or '>'))
        {
            i++;
        }

        return i;
    }

    private readonly int EndOfUnquotedValue(int i)
    {
        while (i < _input.Length && !IsSpace(_input[i]) && _input[i] != '>')
        {
            i++;
        }

        return i;
    }

    private readonly char Peek(int offset)
    {
        var i = _position + offset;
        return i < _input.Length ? _input[i] : '\0';
    }

    /// <summary>HTML white space: tab, line feed, form feed, carriage return, space.</summary>
    internal static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
}
