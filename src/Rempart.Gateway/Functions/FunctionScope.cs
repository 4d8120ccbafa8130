namespace Rempart.Gateway.Functions;

/// <summary>
/// Per-invocation scratch a pooled engine's host functions write into (console.log lines, and for
/// event functions the effects it asks for). Cleared at the start of each invocation.
/// </summary>
public sealed class FunctionScope
{
    /// <summary>Log lines kept per invocation, each cut at <see cref="MaxLogLength"/>: a chatty function cannot flood the logs.</summary>
    public const int MaxLogLines = 50;
    public const int MaxLogLength = 1024;

    private readonly List<string> _logs = [];

    public IReadOnlyList<string> Logs => _logs;

    /// <summary>Whatever the host attaches for the invocation (the event functions' effect recorder).</summary>
    public object? State { get; set; }

    public void Log(string line)
    {
        if (_logs.Count < MaxLogLines)
        {
            _logs.Add(line.Length > MaxLogLength ? line[..MaxLogLength] + "…" : line);
        }
    }

    internal void Clear()
    {
        _logs.Clear();
        State = null;
    }
}
