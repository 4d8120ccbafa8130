using System.Diagnostics;

namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>
/// A real, tiny filesystem (tmpfs) for tests that need a disk that fills up. Mounting needs root or
/// CAP_SYS_ADMIN; <see cref="TmpfsFactAttribute"/> skips the test with the reason when it is refused.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (mount's syntax: 256k, 1m) on a fresh folder.</summary>
    public static TmpfsMount Create(string size)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rempart-tests", "tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", path) is { } error)
        {
            Directory.Delete(path);
            throw new InvalidOperationException("mount -t tmpfs failed: " + error);
        }

        return new TmpfsMount(path);
    }

    /// <summary>Null when a tmpfs can be mounted here; otherwise why not.</summary>
    public static string? Refusal { get; } = Probe();

    private static string? Probe()
    {
        try
        {
            using var probe = Create("64k");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // still busy: the lazy unmount finishes when the last file closes; the empty folder stays in /tmp
        }
    }

    /// <summary>Runs a command; null on success, else its error output.</summary>
    private static string? Run(string file, params string[] args)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "not Linux";
        }

        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"exit {process.ExitCode}: {error.Trim()}";
    }
}

/// <summary>A fact skipped, with the reason, where a tmpfs cannot be mounted (not root, no CAP_SYS_ADMIN, not Linux).</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (TmpfsMount.Refusal is { } reason)
        {
            Skip = "needs a real tiny filesystem: mounting a tmpfs was refused here (" + reason + "); run as root or with CAP_SYS_ADMIN";
        }
    }
}
