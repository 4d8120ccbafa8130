namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>A fact that needs python3 on PATH (to run the Python example the docs ship); skipped, with the reason, on a machine without it.</summary>
public sealed class Python3FactAttribute : FactAttribute
{
    public Python3FactAttribute()
    {
        if (Path3() is null)
        {
            Skip = "python3 is not on PATH: the Python HTTP-function example (examples/functions/rempart_hook.py) cannot run here; the signed POST itself is tested in C#.";
        }
    }

    public static string? Path3() => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "python3"))
        .FirstOrDefault(File.Exists);
}
