namespace Rempart.Detection.Sql;

/// <summary>
/// Splits text into SQL tokens the way a permissive database lexer would, across dialects:
/// strings with '' escapes (and backslash escapes in MySQL mode), hex/binary/exponent numbers,
/// @variables, $$pg strings$$, [bracketed] and `backquoted` identifiers, --, # and /* */ comments,
/// and MySQL's executable comments (<c>/*!50000 UNION*/</c>), whose content is read as code because
/// MySQL runs it.
/// Allocation-free and linear: every character is looked at a bounded number of times.
/// Never throws: any character that means nothing to SQL becomes an <see cref="SqlTokenType.Unknown"/> token.
/// </summary>
internal ref struct SqlTokenizer
{
    private readonly ReadOnlySpan<char> _input;
    private readonly char _contextQuote;
    private readonly bool _mysql;
    private int _position;
    private bool _contextStringPending;
    private bool _inExecutableComment;

    // Where the last search for ']' failed: no '[' after it can be closed either, so a run of
    // unclosed '[' costs one scan instead of one scan each.
    private int _noBracketCloseFrom;

    /// <param name="input">The text, already decoded by the caller.</param>
    /// <param name="context">The quote the application put around the input; the text starts inside it.</param>
    /// <param name="mysql">
    /// True to read the input as MySQL does: <c>--</c> is a comment only when followed by a space or a
    /// control character, and a backslash escapes the next character in a string. False to read it
    /// the ANSI way (SQL Server, PostgreSQL, Oracle, SQLite): <c>--</c> always starts a comment and a
    /// backslash is an ordinary character, so <c>\'</c> ends a string.
    /// </param>
    public SqlTokenizer(ReadOnlySpan<char> input, SqlQuoteContext context, bool mysql)
    {
        _input = input;
        _contextQuote = context switch
        {
            SqlQuoteContext.SingleQuote => '\'',
            SqlQuoteContext.DoubleQuote => '"',
            _ => '\0',
        };
        _mysql = mysql;
        _contextStringPending = _contextQuote != '\0';
        _noBracketCloseFrom = int.MaxValue;
    }

    /// <summary>Reads the next token; false at the end of the input.</summary>
    public bool Next(out SqlToken token)
    {
        if (_contextStringPending)
        {
            // The application's own opening quote is not in the input: the text starts inside a string.
            _contextStringPending = false;
            token = ReadString(0, 0, _contextQuote, SqlTokenFlags.None);
            return true;
        }

        while (_position < _input.Length)
        {
            var c = _input[_position];
            if (IsSpace(c))
            {
                _position++;
                continue;
            }

            if (_inExecutableComment && c == '*' && Peek(1) == '/')
            {
                // The end of a MySQL executable comment: its content has already been read as code.
                _inExecutableComment = false;
                _position += 2;
                continue;
            }

            if (c == '/' && Peek(1) == '*' && Peek(2) == '!')
            {
                // MySQL runs the content of /*! ... */ as code, after an optional version number
                // (/*!50000 ...*/; older servers take any number of digits).
                _inExecutableComment = true;
                _position += 3;
                var digits = 0;
                while (digits < 6 && char.IsAsciiDigit(Peek(0)))
                {
                    _position++;
                    digits++;
                }

                continue;
            }

            token = ReadToken(c);
            return true;
        }

        token = default;
        return false;
    }

    private SqlToken ReadToken(char c)
    {
        var start = _position;
        switch (c)
        {
            case '\'':
                return ReadString(start, start + 1, c, SqlTokenFlags.StringOpened | SqlTokenFlags.SingleQuoted);
            case '"':
                return ReadString(start, start + 1, c, SqlTokenFlags.StringOpened | SqlTokenFlags.DoubleQuoted);
            case '`':
                return ReadQuotedIdentifier(start, '`');
            case '[':
                return ReadQuotedIdentifier(start, ']');
            case '(':
                return Single(SqlTokenType.LeftParenthesis);
            case ')':
                return Single(SqlTokenType.RightParenthesis);
            case '{':
                return Single(SqlTokenType.LeftBrace);
            case '}':
                return Single(SqlTokenType.RightBrace);
            case ',':
                return Single(SqlTokenType.Comma);
            case ';':
                return Single(SqlTokenType.Semicolon);
            case '.':
                return char.IsAsciiDigit(Peek(1)) ? ReadNumber(start) : Single(SqlTokenType.Dot);
            case '\\':
                // MySQL writes NULL as \N.
                return Peek(1) == 'N' ? Emit(SqlTokenType.Number, 2) : Single(SqlTokenType.Backslash);
            case '@':
                return ReadVariable(start);
            case '$':
                return ReadDollar(start);
            case '#':
                // '#2' is how text writes "number 2"; a MySQL comment is followed by anything else.
                return char.IsAsciiDigit(Peek(1)) ? Single(SqlTokenType.Unknown) : ReadLineComment(start, SqlTokenFlags.HashComment);
            case '-':
                if (Peek(1) == '-' && (!_mysql || IsSpaceOrEnd(2)))
                {
                    return ReadLineComment(start, SqlTokenFlags.DoubleDashComment);
                }

                return Peek(1) == '>' ? Emit(SqlTokenType.Operator, Peek(2) == '>' ? 3 : 2) : Operator(1, SqlTokenFlags.Arithmetic | SqlTokenFlags.Unary);
            case '/':
                return Peek(1) == '*' ? ReadBlockComment(start) : Operator(1, SqlTokenFlags.Arithmetic);
            case '+':
                return Operator(1, SqlTokenFlags.Arithmetic | SqlTokenFlags.Unary);
            case '*':
            case '%':
            case '^':
                return Operator(1, SqlTokenFlags.Arithmetic);
            case '~':
                return Peek(1) == '*' ? Operator(2, SqlTokenFlags.Comparison) : Operator(1, SqlTokenFlags.Unary);
            case '=':
                return Operator(Peek(1) == '=' ? 2 : 1, SqlTokenFlags.Comparison);
            case '<':
                return ReadLessThan();
            case '>':
                return Peek(1) == '>' ? Operator(2, SqlTokenFlags.Arithmetic) : Operator(Peek(1) == '=' ? 2 : 1, SqlTokenFlags.Comparison);
            case '!':
                if (Peek(1) is '=' or '<' or '>')
                {
                    return Operator(2, SqlTokenFlags.Comparison);
                }

                if (Peek(1) == '~')
                {
                    return Operator(Peek(2) == '*' ? 3 : 2, SqlTokenFlags.Comparison);
                }

                return Operator(1, SqlTokenFlags.Unary);
            case '|':
                return Peek(1) == '|' ? Emit(SqlTokenType.LogicOperator, 2) : Operator(1, SqlTokenFlags.Arithmetic);
            case '&':
                return Peek(1) == '&' ? Emit(SqlTokenType.LogicOperator, 2) : Operator(1, SqlTokenFlags.Arithmetic);
            case ':':
                if (Peek(1) == '=')
                {
                    return Operator(2, SqlTokenFlags.Comparison);
                }

                return Emit(SqlTokenType.Colon, Peek(1) == ':' ? 2 : 1);
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumber(start);
        }

        if (IsWordStart(c))
        {
            return ReadWord(start);
        }

        return Single(SqlTokenType.Unknown);
    }

    private SqlToken ReadLessThan()
    {
        if (Peek(1) == '=')
        {
            return Operator(Peek(2) == '>' ? 3 : 2, SqlTokenFlags.Comparison);
        }

        if (Peek(1) == '>')
        {
            return Operator(2, SqlTokenFlags.Comparison);
        }

        return Peek(1) == '<' ? Operator(2, SqlTokenFlags.Arithmetic) : Operator(1, SqlTokenFlags.Comparison);
    }

    /// <summary>
    /// Reads a string whose body starts at <paramref name="bodyStart"/>. A doubled quote keeps the
    /// string open, and so does a backslash escape in MySQL mode. Unterminated strings run to the end.
    /// </summary>
    private SqlToken ReadString(int start, int bodyStart, char quote, SqlTokenFlags flags)
    {
        var i = bodyStart;
        var escape = _mysql ? '\\' : quote;
        while (i < _input.Length)
        {
            var next = _input[i..].IndexOfAny(quote, escape);
            if (next < 0)
            {
                break;
            }

            i += next;
            if (_mysql && _input[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (i + 1 < _input.Length && _input[i + 1] == quote)
            {
                i += 2;
                continue;
            }

            _position = i + 1;
            return new SqlToken(SqlTokenType.String, start, _position - start, flags | SqlTokenFlags.StringClosed);
        }

        _position = _input.Length;
        return new SqlToken(SqlTokenType.String, start, _position - start, flags);
    }

    /// <summary>`name` (MySQL) or [name] (SQL Server): always an identifier, whatever the word inside.</summary>
    private SqlToken ReadQuotedIdentifier(int start, char close)
    {
        var end = close == ']' && start >= _noBracketCloseFrom ? -1 : _input[(start + 1)..].IndexOf(close);
        if (end < 0)
        {
            if (close == ']')
            {
                // A lone '[' is ordinary text far more often than an identifier.
                _noBracketCloseFrom = Math.Min(_noBracketCloseFrom, start);
                return Single(SqlTokenType.Unknown);
            }

            _position = _input.Length;
        }
        else
        {
            _position = start + 1 + end + 1;
        }

        return new SqlToken(SqlTokenType.Bareword, start, _position - start, SqlTokenFlags.Word | SqlTokenFlags.QuotedIdentifier);
    }

    private SqlToken ReadNumber(int start)
    {
        var i = start;
        if (_input[i] == '0' && i + 2 < _input.Length && (_input[i + 1] | 0x20) is 'x' or 'b')
        {
            // 0x4142 and 0b0101: a number only when at least one digit follows, else a word (MySQL).
            var binary = (_input[i + 1] | 0x20) == 'b';
            var j = i + 2;
            while (j < _input.Length && (binary ? _input[j] is '0' or '1' : char.IsAsciiHexDigit(_input[j])))
            {
                j++;
            }

            if (j > i + 2 && (j == _input.Length || !IsWordPart(_input[j])))
            {
                _position = j;
                return new SqlToken(SqlTokenType.Number, start, j - start);
            }
        }

        i = SkipDigits(i);
        if (i < _input.Length && _input[i] == '.' && (i + 1 == _input.Length || !IsSpace(_input[i + 1])))
        {
            // "3." before a space stays "3" and ".": text numbers its list items that way.
            i = SkipDigits(i + 1);
        }

        if (i < _input.Length && (_input[i] | 0x20) == 'e')
        {
            var j = i + 1;
            if (j < _input.Length && _input[j] is '+' or '-')
            {
                j++;
            }

            if (j < _input.Length && char.IsAsciiDigit(_input[j]))
            {
                i = SkipDigits(j);
            }
        }

        if (i < _input.Length && IsWordPart(_input[i]))
        {
            var wordEnd = SkipWord(i);

            // Oracle's binary float and double suffixes: 1f, 2.5d, also glued to a keyword (1dUNION).
            var suffixOnly = wordEnd == i + 1 && (_input[i] | 0x20) is 'f' or 'd';
            if (!suffixOnly && (_input[i] | 0x20) is 'f' or 'd' &&
                SqlKeywords.TryGetWord(_input[(i + 1)..wordEnd], out var glued) && glued.Alone != SqlTokenType.Bareword)
            {
                _position = i + 1;
                return new SqlToken(SqlTokenType.Number, start, i + 1 - start);
            }

            // "1union" is read by MySQL as 1 followed by UNION: split when the tail is a SQL word,
            // otherwise the whole run is one word ("1st", "3rd", "2ND-ANNIVERSARY").
            if (!suffixOnly && !(SqlKeywords.TryGetWord(_input[i..wordEnd], out var word) && word.Alone != SqlTokenType.Bareword))
            {
                _position = wordEnd;
                return new SqlToken(SqlTokenType.Bareword, start, wordEnd - start, SqlTokenFlags.Word);
            }

            if (suffixOnly)
            {
                i = wordEnd;
            }
        }

        _position = i;
        return new SqlToken(SqlTokenType.Number, start, i - start);
    }

    private SqlToken ReadWord(int start)
    {
        var end = SkipWord(start);
        var word = _input[start..end];

        // PostgreSQL Unicode strings: U&'..'.
        if (end + 1 < _input.Length && word.Length == 1 && (word[0] | 0x20) == 'u' && _input[end] == '&' && _input[end + 1] == '\'')
        {
            return ReadString(start, end + 2, '\'', SqlTokenFlags.StringOpened | SqlTokenFlags.SingleQuoted);
        }

        // String literal prefixes: N'..' X'..' B'..' E'..' Q'..' and MySQL charset introducers _utf8'..'.
        if (end < _input.Length && _input[end] == '\'' &&
            ((word.Length == 1 && (word[0] | 0x20) is 'n' or 'x' or 'b' or 'e' or 'q') || (word[0] == '_' && word.Length > 1)))
        {
            return ReadString(start, end + 1, '\'', SqlTokenFlags.StringOpened | SqlTokenFlags.SingleQuoted);
        }

        _position = end;
        if (!SqlKeywords.TryGetWord(word, out var info))
        {
            return new SqlToken(SqlTokenType.Bareword, start, end - start, SqlTokenFlags.Word);
        }

        var type = NextSignificant() == '(' ? info.BeforeParenthesis : info.Alone;
        return new SqlToken(type, start, end - start, info.Flags | SqlTokenFlags.Word);
    }

    /// <summary>@name, @@name, @'quoted', @"quoted", @`quoted`.</summary>
    private SqlToken ReadVariable(int start)
    {
        var i = start + 1;
        if (i < _input.Length && _input[i] == '@')
        {
            i++;
        }

        if (i < _input.Length && _input[i] is '\'' or '"' or '`')
        {
            var close = _input[(i + 1)..].IndexOf(_input[i]);
            i = close < 0 ? _input.Length : i + 1 + close + 1;
        }
        else
        {
            i = SkipWord(i);
        }

        // A lone @ or @@ names nothing: text ("cards @ home"), not a variable.
        _position = i;
        return new SqlToken(i == start + 1 || (i == start + 2 && _input[start + 1] == '@') ? SqlTokenType.Unknown : SqlTokenType.Variable, start, i - start);
    }

    /// <summary>$$pg string$$, $tag$pg string$tag$, $1 (parameter), $12.50 (SQL Server money), or a lone $.</summary>
    private SqlToken ReadDollar(int start)
    {
        var tagEnd = Peek(1) == '$' ? start + 1 : (IsWordStart(Peek(1)) ? SkipWord(start + 1) : -1);
        if (tagEnd >= 0 && tagEnd < _input.Length && _input[tagEnd] == '$')
        {
            var tag = _input[start..(tagEnd + 1)];
            var close = _input[(tagEnd + 1)..].IndexOf(tag);
            _position = close < 0 ? _input.Length : tagEnd + 1 + close + tag.Length;
            var flags = SqlTokenFlags.StringOpened | (close < 0 ? SqlTokenFlags.None : SqlTokenFlags.StringClosed);
            return new SqlToken(SqlTokenType.String, start, _position - start, flags);
        }

        if (char.IsAsciiDigit(Peek(1)) || (Peek(1) == '.' && char.IsAsciiDigit(Peek(2))))
        {
            var number = ReadNumber(start + 1);
            return new SqlToken(SqlTokenType.Number, start, number.End - start);
        }

        if (IsWordStart(Peek(1)))
        {
            return ReadWord(start + 1) with { Start = start, Length = _position - start, Type = SqlTokenType.Bareword };
        }

        return Single(SqlTokenType.Unknown);
    }

    private SqlToken ReadLineComment(int start, SqlTokenFlags kind)
    {
        var end = _input[start..].IndexOfAny('\n', '\r');
        _position = end < 0 ? _input.Length : start + end;
        return new SqlToken(SqlTokenType.Comment, start, _position - start, kind);
    }

    /// <summary>
    /// /* ... */. A comment that opens another comment inside it is read differently by engines that
    /// nest comments (PostgreSQL) and those that do not (MySQL): only an evasion needs that.
    /// </summary>
    private SqlToken ReadBlockComment(int start)
    {
        var body = _input[(start + 2)..];
        var close = body.IndexOf("*/");
        var content = close < 0 ? body : body[..close];
        _position = close < 0 ? _input.Length : start + 2 + close + 2;
        // "/*/" also opens twice: the '*' belongs to both the opening and the closing marker.
        // An unclosed comment runs to the end in every reading, so only a closed one can mislead.
        var nested = close >= 0 && (content.Contains("/*", StringComparison.Ordinal) || content.EndsWith('/'));
        var type = nested ? SqlTokenType.Evasion : SqlTokenType.Comment;
        return new SqlToken(type, start, _position - start, SqlTokenFlags.BlockComment);
    }

    private SqlToken Single(SqlTokenType type) => Emit(type, 1);

    private SqlToken Operator(int length, SqlTokenFlags flags)
    {
        var token = new SqlToken(SqlTokenType.Operator, _position, length, flags);
        _position += length;
        return token;
    }

    private SqlToken Emit(SqlTokenType type, int length)
    {
        var token = new SqlToken(type, _position, length);
        _position += length;
        return token;
    }

    private readonly char Peek(int offset)
    {
        var i = _position + offset;
        return i < _input.Length ? _input[i] : '\0';
    }

    /// <summary>The next character that is not white space, or '\0' at the end.</summary>
    private readonly char NextSignificant()
    {
        for (var i = _position; i < _input.Length; i++)
        {
            if (!IsSpace(_input[i]))
            {
                return _input[i];
            }
        }

        return '\0';
    }

    private readonly bool IsSpaceOrEnd(int offset)
    {
        var i = _position + offset;
        return i >= _input.Length || IsSpace(_input[i]);
    }

    private readonly int SkipDigits(int i)
    {
        while (i < _input.Length && char.IsAsciiDigit(_input[i]))
        {
            i++;
        }

        return i;
    }

    private readonly int SkipWord(int i)
    {
        while (i < _input.Length && IsWordPart(_input[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// White space to a database: ASCII space and controls (MySQL and SQL Server skip %00-%20 in
    /// many places, and attackers use %0B, %0C and %A0 to replace spaces) plus Unicode spaces.
    /// </summary>
    internal static bool IsSpace(char c) => c <= ' ' || c == '\u007f' || c == '\u00a0' || (c > '\u00ff' && char.IsWhiteSpace(c));

    private static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c == '_' || (c > '\u007f' && char.IsLetter(c));

    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || (c > '\u007f' && char.IsLetterOrDigit(c));
}
