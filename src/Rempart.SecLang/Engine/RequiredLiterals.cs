using System.Buffers;
using System.Text;

namespace Rempart.SecLang.Engine;

/// <summary>
/// A load-time prefilter for one regex: a set of literals such that every match of the pattern contains at least one
/// of them. A value holding none of them cannot match, so the regex is not run on it (one vectorised
/// <see cref="SearchValues{T}"/> scan instead of a regex scan). Most CRS patterns name the words they look for
/// (<c>(?i)\b(?:eval|exec|system)\s*\(</c> needs <c>eval</c>, <c>exec</c> or <c>system</c>), and most values of an
/// ordinary request contain none of them.
/// </summary>
/// <remarks>
/// <para>The analysis reads the .NET pattern (after <see cref="PcreTranslator"/>) and is conservative: anything it
/// does not fully understand (a class, <c>.</c>, a backreference, an unknown escape, <c>(?x)</c>) is "requires
/// nothing", and a pattern it cannot parse gets no prefilter at all. Per node it keeps either the exact finite set of
/// strings the node matches (small literals and alternations of them) or a set one of which every match contains:
/// a concatenation keeps the most selective of its parts (exact neighbours are multiplied out first), an
/// alternation the union of its branches, a repetition with a minimum of at least one its body's, anything optional
/// nothing. Zero-width parts (anchors, <c>\b</c>, lookarounds) match the empty string.</para>
/// <para>Case: when the pattern ignores case anywhere (the option or an inline <c>i</c>) the literals are searched
/// ignoring ASCII case, which can only find more. Literals are ASCII only; .NET also folds <c>k</c> with U+212A and
/// <c>s</c> with U+017F, so under ignore-case a value holding any char above U+00FF always runs the regex (SecLang
/// values are byte strings, so that is rare).</para>
/// </remarks>
public sealed class RequiredLiterals
{
    private const int MaxExact = 64;
    private const int MaxLiterals = 16;

    private readonly SearchValues<string> _values;
    private readonly bool _ignoreCase;

    private RequiredLiterals(IReadOnlyCollection<string> literals, bool ignoreCase)
    {
        Literals = [.. literals];
        _ignoreCase = ignoreCase;
        _values = SearchValues.Create(Literals, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>The literals, one of which every match contains.</summary>
    public string[] Literals { get; }

    /// <summary>True when the literals are searched ignoring case.</summary>
    public bool IgnoreCase => _ignoreCase;

    /// <summary>False only when <paramref name="input"/> certainly cannot match the pattern.</summary>
    public bool MayMatch(ReadOnlySpan<char> input) =>
        input.IndexOfAny(_values) >= 0 || (_ignoreCase && input.IndexOfAnyExceptInRange('\0', '\u00FF') >= 0);

    /// <summary>The prefilter for a .NET <paramref name="pattern"/>, or null when no useful one is known.</summary>
    public static RequiredLiterals? For(string pattern, bool ignoreCase)
    {
        try
        {
            var parser = new Parser(pattern);
            var node = parser.ParseAlternation();
            if (parser.Position != pattern.Length)
            {
                return null;
            }

            var required = Required(node);
            if (required is null || required.Count == 0 || required.Count > MaxLiterals || required.Any(l => l.Length == 0 || l.Any(c => c > 0x7F)))
            {
                return null;
            }

            return new RequiredLiterals(required, ignoreCase || parser.SawIgnoreCase);
        }
        catch (UnsupportedPatternException)
        {
            return null;
        }
    }

    /// <summary>What a node tells: <c>Exact</c> (every string it can match) or <c>Required</c> (one is in every match; null = none).</summary>
    private sealed record Info(HashSet<string>? Exact, HashSet<string>? Required);

    private static readonly Info Nothing = new(null, null);
    private static readonly Info Empty = new([""], null);

    private static HashSet<string>? Required(Info info) => info.Exact is { } exact ? (exact.Contains("") ? null : exact) : info.Required;

    /// <summary>Shorter, more numerous literals are less selective: rank by the shortest, then by fewer.</summary>
    private static bool Better(HashSet<string>? candidate, HashSet<string>? current)
    {
        if (candidate is null)
        {
            return false;
        }

        if (current is null)
        {
            return true;
        }

        int a = candidate.Min(s => s.Length), b = current.Min(s => s.Length);
        return a != b ? a > b : candidate.Count < current.Count;
    }

    private static Info Concat(List<Info> parts)
    {
        HashSet<string>? best = null;
        HashSet<string>? run = [""];
        var allExact = true;
        foreach (var part in parts)
        {
            if (part.Exact is { } exact && run is not null && run.Count * exact.Count <= MaxExact)
            {
                var product = new HashSet<string>(StringComparer.Ordinal);
                foreach (var left in run)
                {
                    foreach (var right in exact)
                    {
                        product.Add(left + right);
                    }
                }

                run = product;
                continue;
            }

            allExact = false;
            if (Better(Required(new Info(run, null)), best))
            {
                best = Required(new Info(run, null));
            }

            if (part.Exact is { } restart)
            {
                run = restart;
            }
            else
            {
                run = [""];
                if (Better(part.Required, best))
                {
                    best = part.Required;
                }
            }
        }

        if (allExact)
        {
            return new Info(run, null);
        }

        if (Better(Required(new Info(run, null)), best))
        {
            best = Required(new Info(run, null));
        }

        return new Info(null, best);
    }

    private static Info Alternate(List<Info> branches)
    {
        if (branches.Count == 1)
        {
            return branches[0];
        }

        if (branches.All(b => b.Exact is not null) && branches.Sum(b => b.Exact!.Count) <= MaxExact)
        {
            return new Info(branches.SelectMany(b => b.Exact!).ToHashSet(StringComparer.Ordinal), null);
        }

        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var branch in branches)
        {
            if (Required(branch) is not { } required)
            {
                return Nothing;
            }

            union.UnionWith(required);
        }

        return new Info(null, union);
    }

    private sealed class UnsupportedPatternException : Exception;

    /// <summary>A recursive-descent reader of .NET regex syntax that only tracks literals.</summary>
    private sealed class Parser(string pattern)
    {
        public int Position { get; private set; }

        public bool SawIgnoreCase { get; private set; }

        private bool More => Position < pattern.Length;

        private char Peek => pattern[Position];

        public Info ParseAlternation()
        {
            var branches = new List<Info> { ParseConcat() };
            while (More && Peek == '|')
            {
                Position++;
                branches.Add(ParseConcat());
            }

            return Alternate(branches);
        }

        private Info ParseConcat()
        {
            var parts = new List<Info>();
            while (More && Peek is not ('|' or ')'))
            {
                var atom = ParseAtom();
                parts.Add(ParseQuantifier(atom));
            }

            return parts.Count == 0 ? Empty : Concat(parts);
        }

        private Info ParseQuantifier(Info atom)
        {
            if (!More)
            {
                return atom;
            }

            int min;
            switch (Peek)
            {
                case '*' or '?':
                    min = 0;
                    Position++;
                    break;
                case '+':
                    min = 1;
                    Position++;
                    break;
                case '{' when TryReadBraces(out var low, out var high):
                    min = low;
                    if (low == 1 && high == 1)
                    {
                        SkipLazy();
                        return atom;
                    }

                    break;
                default:
                    return atom;
            }

            SkipLazy();
            return min == 0 ? Nothing : new Info(null, Required(atom));
        }

        private void SkipLazy()
        {
            if (More && Peek is '?' or '+')
            {
                if (Peek == '+')
                {
                    throw new UnsupportedPatternException();
                }

                Position++;
            }
        }

        private bool TryReadBraces(out int low, out int high)
        {
            low = high = 0;
            var end = pattern.IndexOf('}', Position);
            if (end < 0)
            {
                return false;
            }

            var body = pattern.AsSpan(Position + 1, end - Position - 1);
            var comma = body.IndexOf(',');
            var lowText = comma < 0 ? body : body[..comma];
            if (!int.TryParse(lowText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out low))
            {
                return false; // a literal '{' in .NET
            }

            if (comma < 0)
            {
                high = low;
            }
            else if (body.Length == comma + 1)
            {
                high = int.MaxValue;
            }
            else if (!int.TryParse(body[(comma + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out high))
            {
                return false;
            }

            Position = end + 1;
            return true;
        }

        private Info ParseAtom()
        {
            var c = pattern[Position++];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    SkipClass();
                    return Nothing;
                case '.':
                    return Nothing;
                case '^' or '$':
                    return Empty;
                case '\\':
                    return ParseEscape();
                case '*' or '+' or '?':
                    throw new UnsupportedPatternException();
                case '#' or ' ' or '\t' or '\n' or '\r':
                    return Literal(c); // (?x) is refused below, so these are literals
                default:
                    return Literal(c);
            }
        }

        // A non-ASCII char requires nothing (case folding beyond ASCII is left to the regex).
        private static Info Literal(char c) => c > 0x7F ? Nothing : new([c.ToString()], null);

        private Info ParseGroup()
        {
            if (!More)
            {
                throw new UnsupportedPatternException();
            }

            var zeroWidth = false;
            if (Peek == '?')
            {
                Position++;
                if (!More)
                {
                    throw new UnsupportedPatternException();
                }

                var kind = pattern[Position];
                if (kind is ':' or '>')
                {
                    Position++;
                }
                else if (kind is '=' or '!')
                {
                    Position++;
                    zeroWidth = true;
                }
                else if (kind == '<' && Position + 1 < pattern.Length && pattern[Position + 1] is '=' or '!')
                {
                    Position += 2;
                    zeroWidth = true;
                }
                else if (kind is '<' or '\'')
                {
                    var close = pattern.IndexOf(kind == '<' ? '>' : '\'', Position + 1);
                    var name = close < 0 ? "" : pattern[(Position + 1)..close];
                    if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit))
                    {
                        throw new UnsupportedPatternException(); // balancing groups and the like
                    }

                    Position = close + 1;
                }
                else if (kind == '#')
                {
                    var close = pattern.IndexOf(')', Position);
                    if (close < 0)
                    {
                        throw new UnsupportedPatternException();
                    }

                    Position = close + 1;
                    return Empty;
                }
                else
                {
                    // Inline options: (?imsnx-imsnx) or (?imsnx-imsnx:…)
                    var start = Position;
                    while (More && (char.IsAsciiLetter(Peek) || Peek == '-'))
                    {
                        Position++;
                    }

                    var flags = pattern.AsSpan(start, Position - start);
                    if (!More || flags.Length == 0 || flags.ContainsAnyExcept("imsn-") || (Peek != ')' && Peek != ':'))
                    {
                        throw new UnsupportedPatternException(); // (?x) changes what a space means; conditionals
                    }

                    var minus = flags.IndexOf('-');
                    if ((minus < 0 ? flags : flags[..minus]).Contains('i'))
                    {
                        SawIgnoreCase = true;
                    }

                    if (Peek == ')')
                    {
                        Position++;
                        return Empty;
                    }

                    Position++;
                }
            }

            var inner = ParseAlternation();
            if (!More || Peek != ')')
            {
                throw new UnsupportedPatternException();
            }

            Position++;
            return zeroWidth ? Empty : inner;
        }

        private void SkipClass()
        {
            // [^…], a ']' first is literal, escapes, and .NET subtraction [a-z-[aeiou]].
            if (More && Peek == '^')
            {
                Position++;
            }

            if (More && Peek == ']')
            {
                Position++;
            }

            while (More)
            {
                var c = pattern[Position++];
                if (c == '\\')
                {
                    Position++;
                }
                else if (c == '[')
                {
                    SkipClass();
                }
                else if (c == ']')
                {
                    return;
                }
            }

            throw new UnsupportedPatternException();
        }

        private Info ParseEscape()
        {
            if (!More)
            {
                throw new UnsupportedPatternException();
            }

            var c = pattern[Position++];
            switch (c)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return Empty;
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    return Nothing;
                case 'p' or 'P':
                    if (!More || Peek != '{' || pattern.IndexOf('}', Position) < 0)
                    {
                        throw new UnsupportedPatternException();
                    }

                    Position = pattern.IndexOf('}', Position) + 1;
                    return Nothing;
                case 't':
                    return Literal('\t');
                case 'n':
                    return Literal('\n');
                case 'r':
                    return Literal('\r');
                case 'f':
                    return Literal('\f');
                case 'v':
                    return Literal('\v');
                case 'e':
                    return Literal('\u001B');
                case 'a':
                    return Literal('\a');
                case 'x':
                    return Literal((char)ReadHex(2));
                case 'u':
                    return Literal((char)ReadHex(4));
                case 'c' or 'k' or '0' or >= '1' and <= '9':
                    throw new UnsupportedPatternException(); // control chars, octal, backreferences: no analysis
                default:
                    if (char.IsAsciiLetterOrDigit(c))
                    {
                        throw new UnsupportedPatternException();
                    }

                    return Literal(c);
            }
        }

        private int ReadHex(int digits)
        {
            if (Position + digits > pattern.Length || !int.TryParse(pattern.AsSpan(Position, digits), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                throw new UnsupportedPatternException();
            }

            Position += digits;
            return value;
        }
    }
}
