namespace Rempart.Gateway.Tests.Infrastructure;

/// <summary>Locates the repository (for CLI tests) from the test binaries' folder.</summary>
public static class TestPaths
{
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rempart.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>rempart.dll sits next to the tests (project reference), run with the same dotnet.</summary>
    public static string RempartDll => Path.Combine(AppContext.BaseDirectory, "rempart.dll");
}
