using Acornima.Ast;
using Jint;

namespace Rempart.Gateway.Functions;

/// <summary>
/// A function's JavaScript, parsed once (a Jint <see cref="Prepared{Script}"/> is immutable and
/// shared by every engine of the function's pool), with where it came from for messages.
/// </summary>
public sealed class FunctionSource(string name, string text, string origin, Prepared<Script> script, string hash)
{
    public string Name { get; } = name;

    public string Text { get; } = text;

    /// <summary>The file as written in the config, or "inline".</summary>
    public string Origin { get; } = origin;

    public Prepared<Script> Script { get; } = script;

    /// <summary>Hash of the text, so that a reload notices an edited function file.</summary>
    public string Hash { get; } = hash;
}
