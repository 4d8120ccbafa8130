namespace Rempart.SecLang.Operators;

/// <summary>
/// An Aho–Corasick automaton over bytes, ASCII case-insensitive, built once per phrase set (<c>@pm</c>,
/// <c>@pmFromFile</c>). Finds the earliest-ending phrase in one pass over the input. Thread-safe after construction.
/// </summary>
internal sealed class AhoCorasick
{
    private readonly List<Dictionary<char, int>> _next = [];
    private readonly List<int> _fail = [];
    private readonly List<int> _output = [];
    private readonly string[] _phrases;
    private readonly int[] _root = new int[256];
    private readonly System.Buffers.SearchValues<string>? _any;

    public AhoCorasick(IEnumerable<string> phrases)
    {
        _phrases = phrases.Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        NewNode();
        for (var p = 0; p < _phrases.Length; p++)
        {
            var node = 0;
            foreach (var raw in _phrases[p])
            {
                var c = Fold(raw);
                if (!_next[node].TryGetValue(c, out var child))
                {
                    child = NewNode();
                    _next[node][c] = child;
                }

                node = child;
            }

            if (_output[node] < 0)
            {
                _output[node] = p;
            }
        }

        // Breadth-first: failure links, and inherit the output of the failure target.
        var queue = new Queue<int>();
        foreach (var child in _next[0].Values)
        {
            _fail[child] = 0;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var (c, child) in _next[node])
            {
                var f = _fail[node];
                while (f != 0 && !_next[f].ContainsKey(c))
                {
                    f = _fail[f];
                }

                _fail[child] = _next[f].TryGetValue(c, out var target) && target != child ? target : 0;
                if (_output[child] < 0)
                {
                    _output[child] = _output[_fail[child]];
                }

                queue.Enqueue(child);
            }
        }

        for (var c = 0; c < 256; c++)
        {
            _root[c] = _next[0].GetValueOrDefault((char)c, 0);
        }

        // Most values hold no phrase: one vectorised scan says so, the automaton runs only when one may be there.
        // OrdinalIgnoreCase folds at least what Fold does (and more beyond ASCII), so "not found" is exact.
        _any = _phrases.Length > 0 ? System.Buffers.SearchValues.Create(_phrases, StringComparison.OrdinalIgnoreCase) : null;
    }

    /// <summary>How many distinct phrases.</summary>
    public int Count => _phrases.Length;

    /// <summary>The first phrase found in <paramref name="input"/>, or null.</summary>
    public string? Find(ReadOnlySpan<char> input)
    {
        if (_any is null || input.IndexOfAny(_any) < 0)
        {
            return null;
        }

        var node = 0;
        foreach (var raw in input)
        {
            var c = Fold(raw);
            while (true)
            {
                if (node == 0)
                {
                    node = c < 256 ? _root[c] : 0;
                    break;
                }

                if (_next[node].TryGetValue(c, out var child))
                {
                    node = child;
                    break;
                }

                node = _fail[node];
            }

            if (_output[node] >= 0)
            {
                return _phrases[_output[node]];
            }
        }

        return null;
    }

    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;

    private int NewNode()
    {
        _next.Add([]);
        _fail.Add(0);
        _output.Add(-1);
        return _next.Count - 1;
    }
}
